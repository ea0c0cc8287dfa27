// A new customer gateway IP as a day-2 change (issue 12) through the real SDK against the emulator:
// it waits for support's approval, then a new customer gateway (the request's ASN, tagged like
// provisioning's), ModifyVpnConnection, the connection available again, the old gateway deleted and
// the request (so the configuration) following; rejected with a reason; a failed one retried by
// staff from its saved steps.
import { DescribeCustomerGatewaysCommand, DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2For } from "@/lib/aws/ec2-client";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { loadRouterConfigInput } from "@/lib/router-config/load-router-config-input";
import { startEmulatorForApp, type TestEmulator, workerPolicy } from "@/test/support/emulator";
import { customerViewer, staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { approveVpnChange, rejectVpnChange, retryVpnChange } from "./decide-vpn-change";
import { findChangesAwaitingApproval, findVpnChanges } from "./find-vpn-changes";
import { runVpnChange } from "./run-vpn-change";
import { requestGatewayChange, requestRouteChange } from "./start-vpn-change";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

let ipCounter = 0;
const newIp = () => `203.0.113.${20 + (ipCounter++ % 200)}`;

async function provisioned(overrides: Partial<Record<string, string>> = {}) {
  const created = await createApprovedRequest(overrides);
  expect(await runWorkflow(created.id)).toBe("completed");
  return { ...created, viewer: customerViewer(created.customer), support: staffViewer(created.staff) };
}

/** What AWS holds: the connection's gateway and every customer gateway tagged with the request. */
async function aws(requestId: string) {
  const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: requestId } });
  const ec2 = ec2For(request.region, null);
  const connection = (
    await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [request.vpnConnectionId ?? ""] }))
  ).VpnConnections?.[0];
  const gateways = (
    await ec2.send(
      new DescribeCustomerGatewaysCommand({
        Filters: [
          { Name: "tag:portal:request-id", Values: [requestId] },
          { Name: "state", Values: ["available"] },
        ],
      }),
    )
  ).CustomerGateways;
  const current = gateways?.find((gateway) => gateway.CustomerGatewayId === connection?.CustomerGatewayId);
  return {
    state: connection?.State,
    outsideIps: (connection?.Options?.TunnelOptions ?? []).map((tunnel) => tunnel.OutsideIpAddress),
    gatewayIp: current?.IpAddress,
    gatewayAsn: current?.BgpAsn,
    gatewayTags: Object.fromEntries((current?.Tags ?? []).map((tag) => [tag.Key, tag.Value])),
    liveGateways: (gateways ?? []).map((gateway) => gateway.IpAddress),
  };
}

const auditActions = async (requestId: string) =>
  (
    await db.auditEvent.findMany({
      where: { targetId: requestId, action: { startsWith: "vpn-change." } },
      orderBy: { createdAt: "asc" },
    })
  ).map((event) => ({ action: event.action, details: event.details }));

describe("a new customer gateway IP", () => {
  it("waits for support's approval, then the connection's customer gateway is the new IP and the old one is gone", async () => {
    const { id, viewer, support } = await provisioned();
    const before = await aws(id);
    const oldIp = (await db.vpnRequest.findUniqueOrThrow({ where: { id } })).customerGatewayIp;
    const ip = newIp();

    const { changeId } = await requestGatewayChange(id, ip, viewer);
    expect(await db.vpnChange.findUniqueOrThrow({ where: { id: changeId } })).toMatchObject({
      kind: "CUSTOMER_GATEWAY",
      status: "AWAITING_APPROVAL",
    });
    // Nothing runs before approval, the queue lists it, and no other change can be asked meanwhile.
    expect(await runVpnChange(id)).toBe("nothing-to-do");
    expect((await aws(id)).gatewayIp).toBe(oldIp);
    expect((await findChangesAwaitingApproval()).map((change) => change.id)).toContain(changeId);
    await expect(requestRouteChange(id, "10.0.0.0/8", viewer)).rejects.toThrow(
      /waiting for support's approval: one change at a time/,
    );
    // The customer cannot approve their own change.
    await expect(approveVpnChange(id, changeId, viewer as never)).rejects.toBeInstanceOf(ConflictError);

    await approveVpnChange(id, changeId, support);
    expect((await findChangesAwaitingApproval()).map((change) => change.id)).not.toContain(changeId);
    expect(await runVpnChange(id)).toBe("completed");

    const after = await aws(id);
    expect(after).toMatchObject({
      state: "available",
      gatewayIp: ip,
      gatewayAsn: "65000",
      liveGateways: [ip],
      outsideIps: before.outsideIps,
    });
    expect(after.gatewayTags).toMatchObject({
      "portal:request-id": id,
      "portal:resource": "customer-gateway",
    });
    const change = await db.vpnChange.findUniqueOrThrow({ where: { id: changeId } });
    expect(change.status).toBe("DONE");
    expect(Object.keys(change.steps as object).sort()).toEqual(
      [
        "createCustomerGateway",
        "modifyVpnConnection",
        "waitForConnection",
        "deleteOldCustomerGateway",
        "recordGatewayIp",
      ].sort(),
    );
    // The request, and so the downloaded configuration, follows the new IP.
    const config = await loadRouterConfigInput(id, viewer.scope);
    expect(config.state === "ready" ? config.input.customerGatewayIp : config.state).toBe(ip);
    const audit = await auditActions(id);
    expect(audit.map((event) => event.action)).toEqual([
      "vpn-change.requested",
      "vpn-change.approved",
      "vpn-change.completed",
    ]);
    expect(audit[0]?.details).toMatchObject({
      before: { customerGatewayIp: oldIp },
      after: { customerGatewayIp: ip },
    });

    // The same IP again is refused on the field.
    await expect(requestGatewayChange(id, ip, viewer)).rejects.toThrow(
      /already this VPN's customer gateway IP/,
    );
  });

  it("keeps the request's BGP ASN on the new gateway", async () => {
    const { id, viewer, support } = await provisioned({
      routing: "BGP",
      bgpAsn: "65123",
      subnetRanges: "",
      advertisedNetworks: "10.20.0.0/16",
    });
    const ip = newIp();
    const { changeId } = await requestGatewayChange(id, ip, viewer);
    await approveVpnChange(id, changeId, support);
    expect(await runVpnChange(id)).toBe("completed");
    expect(await aws(id)).toMatchObject({ gatewayIp: ip, gatewayAsn: "65123", liveGateways: [ip] });
  });

  it("is rejected with a reason the customer reads; AWS is untouched", async () => {
    const { id, viewer, support } = await provisioned();
    const before = await aws(id);
    const { changeId } = await requestGatewayChange(id, newIp(), viewer);
    await rejectVpnChange(id, changeId, "That address belongs to another customer's range.", support);
    expect(await db.vpnChange.findUniqueOrThrow({ where: { id: changeId } })).toMatchObject({
      status: "REJECTED",
      rejectionReason: "That address belongs to another customer's range.",
    });
    await expect(approveVpnChange(id, changeId, support)).rejects.toThrow(
      /is rejected, so it cannot be approved/,
    );
    expect(await runVpnChange(id)).toBe("nothing-to-do");
    expect(await aws(id)).toEqual(before);
    // Decided: the next change may be asked for.
    await requestGatewayChange(id, newIp(), viewer);
  });

  it("fails on a missing IAM permission, and staff retry it from its saved steps once the policy allows it", async () => {
    const { id, viewer, support } = await provisioned();
    const policy = workerPolicy() as { Statement: { Action: string | string[] }[] };
    const without = {
      ...policy,
      Statement: policy.Statement.map((statement) => ({
        ...statement,
        Action: Array.isArray(statement.Action)
          ? statement.Action.filter((action) => action !== "ec2:ModifyVpnConnection")
          : statement.Action,
      })),
    };
    await emulator.configure({ iam: { policies: { emulator: without } } });
    const ip = newIp();
    const { changeId } = await requestGatewayChange(id, ip, viewer);
    await approveVpnChange(id, changeId, support);
    try {
      expect(await runVpnChange(id)).toBe("failed");
    } finally {
      await emulator.configure({ iam: { policies: { emulator: workerPolicy() } } });
    }
    const failed = await db.vpnChange.findUniqueOrThrow({ where: { id: changeId } });
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/^modifyVpnConnection: .*UnauthorizedOperation|not authorized/);
    expect(Object.keys(failed.steps as object)).toEqual(["createCustomerGateway"]);
    const createdFirst = (failed.steps as { createCustomerGateway: { customerGatewayId: string } })
      .createCustomerGateway.customerGatewayId;

    // Staff read AWS's words on the request page; the customer the step and a reference (DESIGN §13).
    const [forStaff] = await findVpnChanges(id, support.scope);
    const [forCustomer] = await findVpnChanges(id, viewer.scope);
    expect(forStaff?.error).toMatch(/^F-[0-9A-F]{8}: modifyVpnConnection: .*not authorized/);
    expect(forCustomer?.error).toMatch(
      /^modifyVpnConnection: The platform could not finish this step\..*F-[0-9A-F]{8}/,
    );
    expect(forCustomer?.error).not.toMatch(/authorized|arn:/);
    // Customers cannot retry; staff can, and the change resumes where it stopped.
    await expect(retryVpnChange(id, changeId, viewer as never)).rejects.toBeInstanceOf(ConflictError);
    await retryVpnChange(id, changeId, support);
    expect(await runVpnChange(id)).toBe("completed");
    const done = await db.vpnChange.findUniqueOrThrow({ where: { id: changeId } });
    expect(done).toMatchObject({ status: "DONE", error: null, attempts: 2 });
    expect(
      (done.steps as { createCustomerGateway: { customerGatewayId: string } }).createCustomerGateway,
    ).toEqual(expect.objectContaining({ customerGatewayId: createdFirst }));
    expect(await aws(id)).toMatchObject({ gatewayIp: ip, liveGateways: [ip] });
    expect((await auditActions(id)).map((event) => event.action)).toEqual([
      "vpn-change.requested",
      "vpn-change.approved",
      "vpn-change.failed",
      "vpn-change.retried",
      "vpn-change.completed",
    ]);
    // Only a failed change is retried.
    await expect(retryVpnChange(id, changeId, support)).rejects.toThrow(/is done, so it cannot be retried/);
  });
});
