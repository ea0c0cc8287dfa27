import {
  CreateVpnConnectionCommand,
  DescribeVpnConnectionsCommand,
  GetVpnTunnelReplacementStatusCommand,
  ReplaceVpnTunnelCommand,
} from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { admin, clientFor, createGatewayPair, rejectionOf, testEmulatorForFile, waitFor } from "./testing";

const emulator = testEmulatorForFile();

async function availableVpn() {
  const ec2 = clientFor(emulator.url);
  const gateways = await createGatewayPair(ec2, "192.0.2.210", { vgwAsn: 64512 });
  const created = await ec2.send(
    new CreateVpnConnectionCommand({ Type: "ipsec.1", ...gateways, Options: { StaticRoutesOnly: true } }),
  );
  const id = created.VpnConnection?.VpnConnectionId ?? "";
  const vpn = await waitFor(async () => {
    const v = (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] })))
      .VpnConnections?.[0];
    return v?.State === "available" ? v : undefined;
  });
  const ips = (vpn.VgwTelemetry ?? []).map((t) => t.OutsideIpAddress ?? "");
  return { ec2, id, ips };
}

describe("tunnel endpoint maintenance", () => {
  it("shows a scheduled maintenance with its deadline until ReplaceVpnTunnel applies it, outside IP kept", async () => {
    const { ec2, id, ips } = await availableVpn();
    const [first, second] = ips as [string, string];
    const none = await ec2.send(
      new GetVpnTunnelReplacementStatusCommand({ VpnConnectionId: id, VpnTunnelOutsideIpAddress: first }),
    );
    expect(none.MaintenanceDetails?.PendingMaintenance).toBeUndefined();

    const deadline = "2030-01-15T10:00:00.000Z";
    await admin(emulator.url, "maintenance", { vpnConnectionId: id, tunnel: 1, autoAppliedAfter: deadline });
    const pending = await ec2.send(
      new GetVpnTunnelReplacementStatusCommand({ VpnConnectionId: id, VpnTunnelOutsideIpAddress: first }),
    );
    expect(pending.VpnConnectionId).toBe(id);
    expect(pending.MaintenanceDetails?.PendingMaintenance).toBeTruthy();
    expect(pending.MaintenanceDetails?.MaintenanceAutoAppliedAfter?.toISOString()).toBe(deadline);
    const other = await ec2.send(
      new GetVpnTunnelReplacementStatusCommand({ VpnConnectionId: id, VpnTunnelOutsideIpAddress: second }),
    );
    expect(other.MaintenanceDetails?.PendingMaintenance).toBeUndefined();

    const replaced = await ec2.send(
      new ReplaceVpnTunnelCommand({
        VpnConnectionId: id,
        VpnTunnelOutsideIpAddress: first,
        ApplyPendingMaintenance: true,
      }),
    );
    expect(replaced.Return).toBe(true);
    const after = await ec2.send(
      new GetVpnTunnelReplacementStatusCommand({ VpnConnectionId: id, VpnTunnelOutsideIpAddress: first }),
    );
    expect(after.MaintenanceDetails?.PendingMaintenance).toBeUndefined();
    expect(after.MaintenanceDetails?.LastMaintenanceApplied).toBeInstanceOf(Date);
    const vpn = (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] })))
      .VpnConnections?.[0];
    expect((vpn?.VgwTelemetry ?? []).map((t) => t.OutsideIpAddress)).toEqual(ips);

    // Nothing pending any more: applying again is refused as AWS refuses it.
    const error = await rejectionOf(
      ec2.send(
        new ReplaceVpnTunnelCommand({
          VpnConnectionId: id,
          VpnTunnelOutsideIpAddress: first,
          ApplyPendingMaintenance: true,
        }),
      ),
    );
    expect(error.name).toBe("InvalidParameterValue");
  });

  it("refuses an outside IP that is not the connection's, and an unknown connection in the admin call", async () => {
    const { ec2, id } = await availableVpn();
    const error = await rejectionOf(
      ec2.send(
        new GetVpnTunnelReplacementStatusCommand({
          VpnConnectionId: id,
          VpnTunnelOutsideIpAddress: "198.51.100.1",
        }),
      ),
    );
    expect(error.name).toBe("InvalidParameterValue");
    await expect(admin(emulator.url, "maintenance", { vpnConnectionId: "vpn-0000000000" })).rejects.toThrow(
      /404/,
    );
  });
});
