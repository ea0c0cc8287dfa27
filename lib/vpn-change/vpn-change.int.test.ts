// Day-2 changes through the real SDK against the emulator: static routes added and removed in
// place, a key rotated on one tunnel only, one change at a time, scope in the query.
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2For } from "@/lib/aws/ec2-client";
import { openTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { isValidPsk } from "@/lib/provisioning/generate-tunnel-secrets";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { createOrganization, createUser, customerViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { runVpnChange } from "./run-vpn-change";
import { requestKeyRotation, requestRouteChange } from "./start-vpn-change";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

async function provisioned() {
  const created = await createApprovedRequest();
  expect(await runWorkflow(created.id)).toBe("completed");
  return { ...created, viewer: customerViewer(created.customer) };
}

async function awsConnection(requestId: string) {
  const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: requestId } });
  const answer = await ec2For(request.region, null).send(
    new DescribeVpnConnectionsCommand({ VpnConnectionIds: [request.vpnConnectionId ?? ""] }),
  );
  const connection = answer.VpnConnections?.[0];
  return {
    routes: (connection?.Routes ?? []).map((route) => route.DestinationCidrBlock).sort(),
    keys: (connection?.Options?.TunnelOptions ?? []).map((tunnel) => [
      tunnel.OutsideIpAddress,
      tunnel.PreSharedKey,
    ]),
  };
}

async function portalKeys(requestId: string) {
  const tunnels = await db.tunnel.findMany({
    where: { requestId },
    orderBy: { number: "asc" },
    omit: { pskEncrypted: false, pendingPskEncrypted: false },
  });
  return tunnels.map((tunnel) => ({
    outsideIp: tunnel.outsideIp,
    psk: openTunnelPsk(requestId, tunnel.number, tunnel.pskEncrypted),
    pending: tunnel.pendingPskEncrypted,
  }));
}

describe("day-2 changes", () => {
  it("adds and removes static routes in place, and the request records them", async () => {
    const { id, viewer } = await provisioned();
    await requestRouteChange(id, "10.0.0.0/8\n100.100.0.0/16", viewer);
    expect(await runVpnChange(id)).toBe("completed");
    expect((await awsConnection(id)).routes).toEqual(["10.0.0.0/8", "100.100.0.0/16"]);
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(request.subnetRanges).toEqual(["10.0.0.0/8", "100.100.0.0/16"]);
    const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: id } });
    expect(change.status).toBe("DONE");
    expect(change.requested).toEqual({
      subnetRanges: ["10.0.0.0/8", "100.100.0.0/16"],
      add: ["100.100.0.0/16"],
      remove: ["192.168.0.0/16"],
    });
    expect(change.awsRequestIds.length).toBeGreaterThanOrEqual(3);
    const audit = await db.auditEvent.findMany({
      where: { targetId: id, action: { startsWith: "vpn-change." } },
    });
    expect(audit.map((event) => event.action).sort()).toEqual([
      "vpn-change.completed",
      "vpn-change.requested",
    ]);
    // Running again does nothing: the change is DONE.
    expect(await runVpnChange(id)).toBe("nothing-to-do");
  });

  it("rotates one tunnel's key: a new key there, the same on the other, outside IPs kept, AWS agrees", async () => {
    const { id, viewer } = await provisioned();
    const before = await portalKeys(id);
    await requestKeyRotation(id, 1, { goOn: false }, viewer);
    expect(await runVpnChange(id)).toBe("completed");
    const after = await portalKeys(id);
    expect(after[0]?.psk).not.toBe(before[0]?.psk);
    expect(isValidPsk(after[0]?.psk ?? "")).toBe(true);
    expect(after[1]?.psk).toBe(before[1]?.psk);
    expect(after.map((tunnel) => tunnel.outsideIp)).toEqual(before.map((tunnel) => tunnel.outsideIp));
    expect(after.every((tunnel) => tunnel.pending === null)).toBe(true);
    const aws = await awsConnection(id);
    expect(aws.keys).toEqual(after.map((tunnel) => [tunnel.outsideIp, tunnel.psk]));
    const audit = await db.auditEvent.findMany({
      where: { targetId: id, action: { startsWith: "vpn-change." } },
    });
    expect(JSON.stringify(audit)).not.toContain(after[0]?.psk ?? "-");
  });

  it("allows one change at a time and names the one under way", async () => {
    const { id, viewer } = await provisioned();
    await requestKeyRotation(id, 1, { goOn: false }, viewer);
    await expect(requestKeyRotation(id, 2, { goOn: false }, viewer)).rejects.toThrow(
      /Pre-shared key rotation asked for at .* is still under way: one change at a time/,
    );
    expect(await runVpnChange(id)).toBe("completed");
    await requestKeyRotation(id, 2, { goOn: false }, viewer);
    expect(await runVpnChange(id)).toBe("completed");
  });

  it("refuses routes by the request's rules, and another organization's request as not found", async () => {
    const { id, viewer } = await provisioned();
    await expect(requestRouteChange(id, "10.0.0.0/8\n10.1.0.0/16", viewer)).rejects.toThrow(/overlap/);
    const platform = (await db.vpnRequest.findUniqueOrThrow({ where: { id } })).platformVpcCidr ?? "";
    await expect(requestRouteChange(id, `10.0.0.0/8\n${platform}`, viewer)).rejects.toThrow(/platform VPC/);
    const other = await createOrganization("ENTERPRISE");
    const stranger = customerViewer(await createUser("CUSTOMER", other.id));
    await expect(requestRouteChange(id, "10.0.0.0/8", stranger)).rejects.toBeInstanceOf(NotFoundError);
    await expect(requestKeyRotation(id, 1, { goOn: false }, stranger)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.vpnChange.count({ where: { requestId: id } })).toBe(0);
  });

  it("refuses to rotate a tunnel while the other is down, unless the customer goes on", async () => {
    const { id, viewer } = await provisioned();
    await db.tunnel.update({
      where: { requestId_number: { requestId: id, number: 2 } },
      data: { status: "DOWN" },
    });
    await expect(requestKeyRotation(id, 1, { goOn: false }, viewer)).rejects.toThrow(/Tunnel 2 is down/);
    await requestKeyRotation(id, 1, { goOn: true }, viewer);
    expect(await runVpnChange(id)).toBe("completed");
  });
});
