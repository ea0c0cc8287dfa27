// Tunnel options as a day-2 change (issue 12) through the real SDK against the emulator: IKE version
// and DPD timeout action applied to each tunnel in place, the startup action following the IKE
// version, and the router configuration following the request.
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2For } from "@/lib/aws/ec2-client";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { loadRouterConfigInput } from "@/lib/router-config/load-router-config-input";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { customerViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { runVpnChange } from "./run-vpn-change";
import { requestTunnelOptions } from "./start-vpn-change";

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

async function awsTunnels(requestId: string) {
  const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: requestId } });
  const answer = await ec2For(request.region, null).send(
    new DescribeVpnConnectionsCommand({ VpnConnectionIds: [request.vpnConnectionId ?? ""] }),
  );
  return (answer.VpnConnections?.[0]?.Options?.TunnelOptions ?? []).map((tunnel) => ({
    outsideIp: tunnel.OutsideIpAddress,
    psk: tunnel.PreSharedKey,
    ike: (tunnel.IkeVersions ?? []).map((version) => version.Value),
    dpdTimeoutAction: tunnel.DpdTimeoutAction,
    startupAction: tunnel.StartupAction,
  }));
}

describe("tunnel options", () => {
  it("applies IKE version and DPD timeout action to both tunnels in place; the configuration follows", async () => {
    const created = await createApprovedRequest();
    expect(await runWorkflow(created.id)).toBe("completed");
    const viewer = customerViewer(created.customer);
    const before = await awsTunnels(created.id);

    await requestTunnelOptions(created.id, { ikeVersion: "IKEV1", dpdTimeoutAction: "clear" }, viewer);
    expect(await runVpnChange(created.id)).toBe("completed");
    const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: created.id } });
    expect(change).toMatchObject({
      kind: "TUNNEL_OPTIONS",
      status: "DONE",
      requested: { ikeVersion: "IKEV1", dpdTimeoutAction: "clear", startupAction: "add" },
    });
    expect(Object.keys(change.steps as object)).toEqual([
      "optionsOnTunnel1",
      "optionsOnTunnel2",
      "recordTunnelOptions",
    ]);
    const after = await awsTunnels(created.id);
    expect(
      after.map(({ ike, dpdTimeoutAction, startupAction }) => ({ ike, dpdTimeoutAction, startupAction })),
    ).toEqual([
      { ike: ["ikev1"], dpdTimeoutAction: "clear", startupAction: "add" },
      { ike: ["ikev1"], dpdTimeoutAction: "clear", startupAction: "add" },
    ]);
    // In place: outside IPs and keys stay.
    expect(after.map(({ outsideIp, psk }) => [outsideIp, psk])).toEqual(
      before.map(({ outsideIp, psk }) => [outsideIp, psk]),
    );
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(request).toMatchObject({ ikeVersion: "IKEV1", dpdTimeoutAction: "clear" });
    const config = await loadRouterConfigInput(created.id, viewer.scope);
    expect(config.state === "ready" ? config.input.ikeVersion : config.state).toBe("IKEV1");

    // Back to IKEv2: AWS starts the negotiation itself again (`start` only with IKEv2).
    await requestTunnelOptions(created.id, { ikeVersion: "IKEV2", dpdTimeoutAction: "restart" }, viewer);
    expect(await runVpnChange(created.id)).toBe("completed");
    expect((await awsTunnels(created.id)).map((tunnel) => tunnel.startupAction)).toEqual(["start", "start"]);

    // The same options again are refused on the field; nothing is asked of AWS.
    await expect(
      requestTunnelOptions(created.id, { ikeVersion: "IKEV2", dpdTimeoutAction: "restart" }, viewer),
    ).rejects.toThrow(/already has/);
    expect(await db.vpnChange.count({ where: { requestId: created.id } })).toBe(2);
  });
});
