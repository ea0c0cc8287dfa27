import "server-only";
import { db } from "@/lib/db";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import {
  ATTENTION_ORDER,
  isProvisioned,
  PROVISIONED_STATUSES,
  type VpnStatus,
} from "@/lib/vpn-request/lifecycle";

export type ConnectionFilters = { status?: VpnStatus; organizationId?: string; region?: string };

/** Every organization's provisioned connections (staff), worst first. */
export async function findConnectionsOverview(filters: ConnectionFilters) {
  const statuses =
    filters.status && isProvisioned(filters.status) ? [filters.status] : [...PROVISIONED_STATUSES];
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
        attention(a.status) - attention(b.status) ||
        a.statusChangedAt.getTime() - b.statusChangedAt.getTime() ||
        a.customerName.localeCompare(b.customerName),
    );
}

export type ConnectionOverviewRow = Awaited<ReturnType<typeof findConnectionsOverview>>[number];

function attention(status: VpnStatus): number {
  const index = (ATTENTION_ORDER as readonly VpnStatus[]).indexOf(status);
  return index === -1 ? ATTENTION_ORDER.length : index;
}
