// Provisioning and decommissioning through the real SDK against the emulator over HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { isValidInsideCidr, isValidPsk } from "@/lib/provisioning/generate-tunnel-secrets";
import {
  countByType,
  PROVISIONED_RESOURCES,
  startEmulatorForApp,
  type TestEmulator,
} from "@/test/support/emulator";
import { staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { runWorkflow } from "./run-workflow";
import { decommissionVpn, retryFailedWorkflow } from "./start-workflow";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

const DOCUMENTATION = /^(192\.0\.2|198\.51\.100|203\.0\.113)\.\d+$/;

describe("provisioning workflow", () => {
  it("builds the AWS side of an approved request, once, tagged, with both tunnels stored", async () => {
    const { id } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("completed");

    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(request.status).toBe("AWAITING_CUSTOMER");
    expect(request.vpnConnectionId).toMatch(/^vpn-/);
    // The customer uses 10/8 and 192.168/16: the platform VPC avoids both.
    expect(request.platformVpcCidr).toMatch(/^172\./);

    const inventory = await emulator.inventory(id);
    expect(countByType(inventory)).toEqual(PROVISIONED_RESOURCES);
    expect(inventory.every((resource) => resource.tags["portal:request-id"] === id)).toBe(true);

    const tunnels = await db.tunnel.findMany({
      where: { requestId: id },
      orderBy: { number: "asc" },
      omit: { pskEncrypted: false },
    });
    expect(tunnels).toHaveLength(2);
    for (const tunnel of tunnels) {
      expect(tunnel.outsideIp).toMatch(DOCUMENTATION);
      expect(isValidInsideCidr(tunnel.insideCidr)).toBe(true);
      const psk = openTunnelPsk(id, tunnel.number, tunnel.pskEncrypted);
      expect(isValidPsk(psk)).toBe(true);
      expect(tunnel.pskEncrypted).not.toContain(psk);
    }
    const steps = await db.provisioningStep.findMany({ where: { requestId: id, workflow: "PROVISION" } });
    expect(steps.every((step) => step.status === "DONE")).toBe(true);

    // Running again changes nothing: the workflow is idempotent.
    expect(await runWorkflow(id)).toBe("nothing-to-do");
    expect(countByType(await emulator.inventory(id))).toEqual(PROVISIONED_RESOURCES);
  });

  it("decommissioning leaves nothing of the request and keeps its history", async () => {
    const { id, staff } = await createApprovedRequest();
    await runWorkflow(id);
    await decommissionVpn(id, staffViewer(staff));
    expect(await runWorkflow(id)).toBe("completed");
    expect(await emulator.inventory(id)).toEqual([]);
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(request.status).toBe("DECOMMISSIONED");
    const history = await db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } });
    expect(history.map((event) => event.action)).toEqual([
      "vpn-request.submitted",
      "vpn-request.approved",
      "vpn-request.provisioning-started",
      "vpn-request.provisioned",
      "vpn-request.decommission-requested",
      // Issue 10: the PSKs do not outlive the VPN.
      "vpn-request.secrets-wiped",
      "vpn-request.decommissioned",
    ]);
  });

  it("still provisions every request with 20% injected throttling and 5xx", async () => {
    await emulator.configure({
      faults: [
        { action: "*", kind: "throttle", rate: 0.1 },
        { action: "*", kind: "5xx", rate: 0.1 },
      ],
    });
    try {
      const requests = await Promise.all([1, 2, 3].map(() => createApprovedRequest()));
      const outcomes = await Promise.all(requests.map(({ id }) => runWorkflow(id)));
      expect(outcomes).toEqual(["completed", "completed", "completed"]);
      for (const { id } of requests) {
        expect(countByType(await emulator.inventory(id))).toEqual(PROVISIONED_RESOURCES);
      }
      const stats = await emulator.admin<{ actions: Record<string, { faults: number; throttled: number }> }>(
        "stats",
      );
      const injected = Object.values(stats.actions).reduce(
        (sum, action) => sum + action.faults + action.throttled,
        0,
      );
      expect(injected).toBeGreaterThan(0);
    } finally {
      await emulator.configure({ faults: [] });
    }
  });

  it("a permanent error fails with the step and what to do; retry after the cause is removed completes", async () => {
    await emulator.configure({ quotas: { vpnGateways: 0 } });
    const { id, staff } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("failed");
    const failed = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe("FAILED");
    expect(failed.failedStep).toBe("create-vpn-gateway");
    expect(failed.failureMessage).toMatch(/VpnGatewayLimitExceeded/);
    expect(failed.failureMessage).toMatch(/quota/i);

    await emulator.configure({ quotas: { vpnGateways: 50 } });
    await retryFailedWorkflow(id, staffViewer(staff));
    expect(await runWorkflow(id)).toBe("completed");
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status).toBe("AWAITING_CUSTOMER");
    expect(countByType(await emulator.inventory(id))).toEqual(PROVISIONED_RESOURCES);
  });

  it("a failed NAT gateway is replaced on retry: each generation has its own client token", async () => {
    await emulator.configure({
      faults: [
        { action: "CreateNatGateway", kind: "nat-failed", code: "InternalError", rate: 1, remaining: 1 },
      ],
    });
    const { id, staff } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("failed");
    const failed = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(failed.failedStep).toBe("create-nat-gateway");
    expect(failed.failureMessage).toMatch(/NAT gateway nat-\w+ failed: InternalError/);

    await emulator.configure({ faults: [] });
    await retryFailedWorkflow(id, staffViewer(staff));
    expect(await runWorkflow(id)).toBe("completed");
    expect(countByType(await emulator.inventory(id))).toEqual(PROVISIONED_RESOURCES);
    // The failed one was deleted; its token would only ever return it again.
    const everything = await emulator.admin<{ resources: { type: string; state: string }[] }>(
      `inventory?includeDeleted=1&type=natgateway&tag=${encodeURIComponent(`portal:request-id=${id}`)}`,
    );
    expect(everything.resources.map((nat) => nat.state).sort()).toEqual(["available", "deleted"]);
  });
});
