// Tunnel options as a day-2 change (issue 12) through the real SDK against the emulator: IKE version
// and DPD timeout action applied to each tunnel in place, the startup action following the IKE
// version, and the router configuration following the request.
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2For } from "@/lib/aws/ec2-client";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { loadRouterConfigInput } from "@/lib/router-config/load-router-config-input";
import { pollTunnelsOnce } from "@/lib/tunnels/poll-tunnels";
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
    // Tunnel 2 was down (no router yet), so changing it took nothing down: no wait for tunnel 1.
    expect(Object.keys(change.steps as object).sort()).toEqual([
      "optionsOnTunnel1",
      "optionsOnTunnel2",
      "recordTunnelOptions",
      "tunnel1UpAgain",
    ]);
    expect((change.steps as { tunnel1UpAgain: object }).tunnel1UpAgain).toMatchObject({ tunnel2: "DOWN" });
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

  it("changes tunnel 2 only once tunnel 1 is up again, so one tunnel is up at every moment", async () => {
    const created = await createApprovedRequest();
    expect(await runWorkflow(created.id)).toBe("completed");
    const viewer = customerViewer(created.customer);
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id: created.id } });
    const vpnConnectionId = request.vpnConnectionId ?? "";
    await emulator.admin("telemetry", { updates: [{ vpnConnectionId, status: "UP" }] });
    await pollTunnelsOnce({ batchSize: 100 });

    await requestTunnelOptions(created.id, { ikeVersion: "IKEV2", dpdTimeoutAction: "clear" }, viewer);
    const running = runVpnChange(created.id);
    const samples: string[] = [];
    const sample = async () => {
      const inventory = await emulator.admin<{
        resources: { id: string; details?: { telemetry?: string[] } }[];
      }>("inventory?type=vpn-connection");
      const found = inventory.resources.find((resource) => resource.id === vpnConnectionId);
      const states = found?.details?.telemetry ?? [];
      samples.push(states.join("/"));
      return states;
    };
    // Tunnel 1 renegotiates; tunnel 2 is left alone (and up) while tunnel 1 is down.
    for (let waited = 0; ; waited += 50) {
      const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: created.id } });
      if ("optionsOnTunnel1" in (change.steps as object)) break;
      if (waited > 10_000) throw new Error("tunnel 1 was never changed");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (let i = 0; i < 10; i++) {
      expect(await sample()).toEqual(["DOWN", "UP"]);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const waiting = await db.vpnChange.findFirstOrThrow({ where: { requestId: created.id } });
    expect(waiting.status).toBe("RUNNING");
    expect(Object.keys(waiting.steps as object)).toEqual(["optionsOnTunnel1"]);
    expect((await awsTunnels(created.id)).map((tunnel) => tunnel.dpdTimeoutAction)).toEqual([
      "clear",
      "restart",
    ]);

    // The customer's router brings tunnel 1 up again: only then is tunnel 2 changed.
    await emulator.admin("telemetry", { updates: [{ vpnConnectionId, tunnel: 1, status: "UP" }] });
    expect(await running).toBe("completed");
    await sample();
    console.log(`tunnel states sampled during the change (tunnel 1/tunnel 2): ${samples.join(", ")}`);
    expect(samples.every((states) => states.includes("UP"))).toBe(true);
    expect((await awsTunnels(created.id)).map((tunnel) => tunnel.dpdTimeoutAction)).toEqual([
      "clear",
      "clear",
    ]);
    const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: created.id } });
    expect((change.steps as { tunnel1UpAgain: object }).tunnel1UpAgain).toMatchObject({
      tunnel1: "UP",
      tunnel2: "UP",
      goOn: false,
    });
  });

  it("is refused while tunnel 2 is down and tunnel 1 up, unless the customer goes on", async () => {
    const created = await createApprovedRequest();
    expect(await runWorkflow(created.id)).toBe("completed");
    const viewer = customerViewer(created.customer);
    await db.tunnel.update({
      where: { requestId_number: { requestId: created.id, number: 1 } },
      data: { status: "UP" },
    });
    await db.tunnel.update({
      where: { requestId_number: { requestId: created.id, number: 2 } },
      data: { status: "DOWN" },
    });
    await expect(
      requestTunnelOptions(created.id, { ikeVersion: "IKEV2", dpdTimeoutAction: "clear" }, viewer),
    ).rejects.toThrow(/Tunnel 2 is down/);
    await requestTunnelOptions(
      created.id,
      { ikeVersion: "IKEV2", dpdTimeoutAction: "clear", goOn: true },
      viewer,
    );
    expect(await runVpnChange(created.id)).toBe("completed");
  });
});
