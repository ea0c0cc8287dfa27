import type { Handler } from "./context";
import { vpnState } from "./lifecycle";
import type { RegionState, Tunnel, VpnConnection } from "./model";
import { Ec2Error, invalidValue } from "./protocol/errors";
import type { XmlObject } from "./protocol/xml";
import { requireVpn } from "./vpn";

/**
 * AWS's tunnel endpoint maintenance (issue 12): a pending replacement AWS schedules on one tunnel,
 * read with GetVpnTunnelReplacementStatus and applied early with ReplaceVpnTunnel
 * (ApplyPendingMaintenance); AWS applies it itself after MaintenanceAutoAppliedAfter. Tests and the
 * demo schedule one through POST /_emulator/maintenance.
 */
export type TunnelMaintenance = {
  pendingMaintenance?: string;
  autoAppliedAfter?: number;
  lastApplied?: number;
};

function requireTunnel(vpn: VpnConnection, outsideIp: string): Tunnel {
  const tunnel = vpn.tunnels.find((t) => t.outsideIpAddress === outsideIp);
  if (!tunnel)
    throw invalidValue(`The VPN tunnel outside IP address '${outsideIp}' does not belong to ${vpn.id}.`);
  return tunnel;
}

/** AWS applies a pending maintenance itself once its deadline has passed. */
function settled(tunnel: Tunnel, now: number): TunnelMaintenance {
  const m = tunnel.maintenance ?? {};
  if (m.pendingMaintenance && m.autoAppliedAfter !== undefined && now >= m.autoAppliedAfter)
    tunnel.maintenance = { lastApplied: m.autoAppliedAfter };
  return tunnel.maintenance ?? {};
}

export const getVpnTunnelReplacementStatus: Handler = ({ region, params, now }) => {
  const vpn = requireVpn(region, params.required("VpnConnectionId"));
  const outsideIp = params.required("VpnTunnelOutsideIpAddress");
  const m = settled(requireTunnel(vpn, outsideIp), now);
  const details: XmlObject = {};
  if (m.pendingMaintenance) details.pendingMaintenance = m.pendingMaintenance;
  if (m.autoAppliedAfter !== undefined) details.maintenanceAutoAppliedAfter = new Date(m.autoAppliedAfter);
  if (m.lastApplied !== undefined) details.lastMaintenanceApplied = new Date(m.lastApplied);
  return {
    vpnConnectionId: vpn.id,
    customerGatewayId: vpn.customerGatewayId,
    vpnGatewayId: vpn.vpnGatewayId,
    vpnTunnelOutsideIpAddress: outsideIp,
    maintenanceDetails: details,
  };
};

/** Replaces one tunnel's endpoint in place (outside IP kept); it goes DOWN and renegotiates. */
export const replaceVpnTunnel: Handler = ({ region, params, now }) => {
  const vpn = requireVpn(region, params.required("VpnConnectionId"));
  const state = vpnState(vpn, now);
  if (state !== "available")
    throw new Ec2Error(
      "InvalidVpnConnection.InvalidState",
      `The VPN connection '${vpn.id}' is ${state}; it must be in the available state to complete the request.`,
    );
  const tunnel = requireTunnel(vpn, params.required("VpnTunnelOutsideIpAddress"));
  const m = settled(tunnel, now);
  if (params.bool("ApplyPendingMaintenance") && !m.pendingMaintenance)
    throw invalidValue(`There is no pending maintenance on the VPN tunnel ${tunnel.outsideIpAddress}.`);
  tunnel.maintenance = { lastApplied: now };
  tunnel.telemetry = {
    status: "DOWN",
    statusMessage: "IPSEC IS DOWN",
    lastStatusChange: now,
    acceptedRouteCount: 0,
  };
  return { return: true };
};

export type MaintenanceSchedule = {
  vpnConnectionId: string;
  tunnel?: number;
  outsideIp?: string;
  /** ISO instant; default: 14 days from now, as AWS's notices give. */
  autoAppliedAfter?: string;
};

/** POST /_emulator/maintenance: schedules a pending maintenance on one tunnel, in whichever region holds it. */
export function scheduleMaintenance(
  regions: Iterable<{ region: RegionState }>,
  body: unknown,
  now: number,
): { vpnConnectionId: string; outsideIpAddress: string; maintenanceAutoAppliedAfter: string } | string {
  const b = (typeof body === "object" && body !== null ? body : {}) as Partial<MaintenanceSchedule>;
  if (typeof b.vpnConnectionId !== "string") return "vpnConnectionId is required";
  const deadline = b.autoAppliedAfter === undefined ? now + 14 * 86_400_000 : Date.parse(b.autoAppliedAfter);
  if (Number.isNaN(deadline)) return "autoAppliedAfter must be an ISO date";
  for (const { region } of regions) {
    const vpn = region.vpnConnections[b.vpnConnectionId];
    if (!vpn) continue;
    const tunnel =
      b.outsideIp !== undefined
        ? vpn.tunnels.find((t) => t.outsideIpAddress === b.outsideIp)
        : vpn.tunnels[(b.tunnel ?? 1) - 1];
    if (!tunnel) return `no tunnel ${b.outsideIp ?? b.tunnel} on ${vpn.id}`;
    tunnel.maintenance = {
      ...tunnel.maintenance,
      pendingMaintenance: "Tunnel endpoint replacement",
      autoAppliedAfter: deadline,
    };
    return {
      vpnConnectionId: vpn.id,
      outsideIpAddress: tunnel.outsideIpAddress,
      maintenanceAutoAppliedAfter: new Date(deadline).toISOString(),
    };
  }
  return `VPN connection ${b.vpnConnectionId} not found in any region`;
}
