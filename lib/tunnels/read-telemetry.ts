// What one DescribeVpnConnections answer means for a connection's tunnels and request status.
// Pure: the poller does the I/O around it.
import { deriveTunnelStatus, isProvisioned, type VpnStatus } from "@/lib/vpn-request/lifecycle";

export type TunnelState = "UP" | "DOWN" | "UNKNOWN";

export type StoredTunnel = {
  id: string;
  number: number;
  outsideIp: string | null;
  status: TunnelState;
  statusMessage: string | null;
  statusSince: Date | null;
  acceptedRouteCount: number | null;
};

/** One entry of VgwTelemetry as the SDK returns it. */
export type Telemetry = {
  OutsideIpAddress?: string;
  Status?: string;
  StatusMessage?: string;
  LastStatusChange?: Date;
  AcceptedRouteCount?: number;
};

export type TunnelChange = {
  tunnelId: string;
  number: number;
  status: "UP" | "DOWN";
  statusMessage: string | null;
  statusSince: Date | null;
  acceptedRouteCount: number | null;
  /** The status (not just the message or route count) changed. */
  statusChanged: boolean;
  previousStatus: TunnelState;
};

/**
 * Matches telemetry to stored tunnels by outside IP (AWS lists tunnels in no promised order) and
 * returns the tunnels whose status, message or accepted route count changed.
 */
export function readTelemetry(
  tunnels: readonly StoredTunnel[],
  telemetry: readonly Telemetry[],
): TunnelChange[] {
  const changes: TunnelChange[] = [];
  for (const tunnel of tunnels) {
    if (!tunnel.outsideIp) continue;
    const seen = telemetry.find((entry) => entry.OutsideIpAddress === tunnel.outsideIp);
    if (!seen) continue;
    const status = seen.Status === "UP" ? "UP" : "DOWN";
    const statusMessage = seen.StatusMessage?.trim() ? seen.StatusMessage.trim() : null;
    const acceptedRouteCount = seen.AcceptedRouteCount ?? null;
    const statusChanged = status !== tunnel.status;
    if (
      !statusChanged &&
      statusMessage === tunnel.statusMessage &&
      acceptedRouteCount === tunnel.acceptedRouteCount
    )
      continue;
    changes.push({
      tunnelId: tunnel.id,
      number: tunnel.number,
      status,
      statusMessage,
      statusSince: seen.LastStatusChange ?? tunnel.statusSince,
      acceptedRouteCount,
      statusChanged,
      previousStatus: tunnel.status,
    });
  }
  return changes;
}

/**
 * The request status its tunnels call for (DESIGN §3), or null when none applies. Only the tunnels
 * the request uses count: with tunnelCount 1, tunnel 1. `wasEverUp` comes from the history.
 */
export function requestStatusFor(input: {
  current: VpnStatus;
  tunnelCount: number;
  tunnels: readonly { number: number; status: TunnelState }[];
  wasEverUp: boolean;
}): VpnStatus | null {
  if (!isProvisioned(input.current)) return null;
  const used = input.tunnels.filter((tunnel) => tunnel.number <= input.tunnelCount);
  const upTunnels = used.filter((tunnel) => tunnel.status === "UP").length;
  const wasEverUp = input.wasEverUp || upTunnels > 0 || input.current !== "AWAITING_CUSTOMER";
  return deriveTunnelStatus({ configuredTunnels: input.tunnelCount, upTunnels, wasEverUp });
}

/** Redundancy is met when the request has two tunnels and both are UP. */
export function isRedundancyMet(
  tunnelCount: number,
  tunnels: readonly { number: number; status: TunnelState }[],
): boolean {
  if (tunnelCount < 2) return false;
  return [1, 2].every((number) =>
    tunnels.some((tunnel) => tunnel.number === number && tunnel.status === "UP"),
  );
}
