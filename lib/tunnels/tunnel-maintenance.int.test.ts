// AWS tunnel maintenance end to end below the UI (issue 12): scheduled through the emulator's admin
// call → read by the poller with GetVpnTunnelReplacementStatus → shown on the tunnel card with its
// deadline → one alert → applied with ReplaceVpnTunnel (a REPLACE_TUNNEL change) → gone.
import { GetVpnTunnelReplacementStatusCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchMaintenanceAlerts, MAINTENANCE_ALERT_KIND } from "@/lib/alerts/dispatch-maintenance-alerts";
import { ec2For } from "@/lib/aws/ec2-client";
import { db, disconnectDb } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { stopBoss } from "@/lib/queue/boss";
import { findConnectionState } from "@/lib/tunnels/find-connection-state";
import { runVpnChange } from "@/lib/vpn-change/run-vpn-change";
import { requestMaintenance } from "@/lib/vpn-change/start-vpn-change";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { customerViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import type { TestDatabase } from "@/test/support/test-database";
import { startIsolatedDatabase } from "@/test/support/test-env";
import { pollTunnelsOnce } from "./poll-tunnels";

let emulator: TestEmulator;
let database: TestDatabase;

beforeAll(async () => {
  // A database of its own: the maintenance alerts cover every tunnel, and other files leave theirs.
  database = await startIsolatedDatabase();
  emulator = await startEmulatorForApp();
});

afterAll(async () => {
  await stopBoss();
  await emulator?.close();
  await disconnectDb();
  await database?.stop();
});

/** As if the poller's maintenance interval had passed since its last read of this connection. */
const maintenanceDue = (id: string) =>
  db.vpnRequest.update({ where: { id }, data: { maintenanceCheckedAt: null } });

describe("AWS tunnel maintenance", () => {
  it("is shown with its deadline, alerted once, applied on one tunnel with the other up, then gone", async () => {
    const { id, customer } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("completed");
    const viewer = customerViewer(customer);
    await db.organization.update({
      where: { id: customer.organizationId ?? "" },
      data: { webhookUrl: "https://hooks.example.test/vpn" },
    });
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id }, include: { tunnels: true } });
    const vpnConnectionId = request.vpnConnectionId ?? "";
    await emulator.admin("telemetry", { updates: [{ vpnConnectionId, status: "UP" }] });
    await pollTunnelsOnce({ batchSize: 100 });
    let state = await findConnectionState(id, viewer.scope);
    expect(state?.tunnels.map((tunnel) => tunnel.maintenance)).toEqual([null, null]);

    const deadline = "2030-03-01T09:30:00.000Z";
    await emulator.admin("maintenance", { vpnConnectionId, tunnel: 1, autoAppliedAfter: deadline });
    await maintenanceDue(id);
    const polled = await pollTunnelsOnce({ batchSize: 100 });
    expect(polled.maintenance).toMatchObject({ calls: 2, changes: 1, errors: 0 });
    state = await findConnectionState(id, viewer.scope);
    expect(state?.tunnels[0]?.maintenance).toEqual({ pending: expect.any(String), deadline });
    expect(state?.tunnels[1]?.maintenance).toBeNull();
    // Read once per interval, not per cycle (nor per page view).
    expect((await pollTunnelsOnce({ batchSize: 100 })).maintenance.calls).toBe(0);

    // One alert (one delivery per channel: the webhook) for this maintenance, however often dispatched.
    expect(await dispatchMaintenanceAlerts()).toEqual({ sent: 1 });
    expect(await dispatchMaintenanceAlerts()).toEqual({ sent: 0 });
    await maintenanceDue(id);
    await pollTunnelsOnce({ batchSize: 100 });
    expect(await dispatchMaintenanceAlerts()).toEqual({ sent: 0 });
    const alerts = await db.alertDelivery.findMany({
      where: { requestId: id, kind: MAINTENANCE_ALERT_KIND },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ tunnelNumber: 1, channel: "WEBHOOK" });
    expect(JSON.stringify(alerts[0]?.payload)).toContain(deadline);

    // Refused while the other tunnel is not UP: applying it would leave no tunnel up.
    await db.tunnel.update({
      where: { requestId_number: { requestId: id, number: 2 } },
      data: { status: "DOWN" },
    });
    await expect(requestMaintenance(id, 1, viewer)).rejects.toThrow(/Tunnel 2 is not up/);
    await db.tunnel.update({
      where: { requestId_number: { requestId: id, number: 2 } },
      data: { status: "UP" },
    });
    await expect(requestMaintenance(id, 2, viewer)).rejects.toThrow(/no maintenance pending on tunnel 2/);

    await requestMaintenance(id, 1, viewer);
    expect(await runVpnChange(id)).toBe("completed");
    const change = await db.vpnChange.findFirstOrThrow({ where: { requestId: id } });
    expect(change).toMatchObject({ kind: "REPLACE_TUNNEL", status: "DONE", requested: { tunnel: 1 } });
    expect(change.awsRequestIds.length).toBeGreaterThanOrEqual(2);

    const outsideIp = request.tunnels.find((tunnel) => tunnel.number === 1)?.outsideIp ?? "";
    const aws = await ec2For(request.region, null).send(
      new GetVpnTunnelReplacementStatusCommand({
        VpnConnectionId: vpnConnectionId,
        VpnTunnelOutsideIpAddress: outsideIp,
      }),
    );
    expect(aws.MaintenanceDetails?.PendingMaintenance).toBeUndefined();
    expect(aws.MaintenanceDetails?.LastMaintenanceApplied).toBeInstanceOf(Date);
    state = await findConnectionState(id, viewer.scope);
    expect(state?.tunnels.map((tunnel) => tunnel.maintenance)).toEqual([null, null]);
    // Outside IPs stay (replaced in place); the poller agrees that nothing is pending.
    expect(state?.tunnels.map((tunnel) => tunnel.outsideIp)).toEqual(
      request.tunnels.sort((a, b) => a.number - b.number).map((tunnel) => tunnel.outsideIp),
    );
    await maintenanceDue(id);
    await pollTunnelsOnce({ batchSize: 100 });
    expect((await findConnectionState(id, viewer.scope))?.tunnels[0]?.maintenance).toBeNull();
  });
});
