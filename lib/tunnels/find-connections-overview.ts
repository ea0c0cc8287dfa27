import "server-only";
import { db } from "@/lib/db";
import { isRedundancyMet, TUNNEL_DRIVEN_STATUSES } from "@/lib/tunnels/read-telemetry";
import type { VpnStatus } from "@/lib/vpn-request/state-machine";

export type ConnectionFilters = { status?: VpnStatus; organizationId?: string; region?: string };

// What needs attention first: nothing up, then some down, then not yet up, then healthy.
const ORDER: Partial<Record<VpnStatus, number>> = { DOWN: 0, DEGRADED: 1, AWAITING_CUSTOMER: 2, ACTIVE: 3 };

/** Every organization's provisioned connections (staff), worst first. */
export async function findConnectionsOverview(filters: ConnectionFilters) {
  const statuses =
    filters.status && TUNNEL_DRIVEN_STATUSES.includes(filters.status)
      ? [filters.status]
      : [...TUNNEL_DRIVEN_STATUSES];
  const rows = await db.vpnRequest.findMany({
    where: {
      status: { in: statuses },
      ...(filters.organizationId ? { organizationId: filters.organizationId } : {}),
      ...(filters.region ? { region: filters.region } : {}),
    },
    select: {
      id: true,
      customerName: true,
      region: true,
      status: true,
      statusChangedAt: true,
      tunnelCount: true,
      lastPolledAt: true,
      vpnConnectionId: true,
      organization: { select: { id: true, name: true } },
      tunnels: { select: { number: true, status: true, statusMessage: true } },
    },
    take: 1000,
  });
  return rows
    .map((row) => {
      const used = row.tunnels
        .filter((tunnel) => tunnel.number <= row.tunnelCount)
        .sort((a, b) => a.number - b.number);
      return {
        ...row,
        tunnels: used,
        upTunnels: used.filter((tunnel) => tunnel.status === "UP").length,
        redundancyMet: isRedundancyMet(row.tunnelCount, used),
      };
    })
    .sort(
      (a, b) =>
        (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) ||
        a.statusChangedAt.getTime() - b.statusChangedAt.getTime() ||
        a.customerName.localeCompare(b.customerName),
    );
}

export type ConnectionOverviewRow = Awaited<ReturnType<typeof findConnectionsOverview>>[number];
