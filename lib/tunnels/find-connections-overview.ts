import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { direction } from "@/lib/lists/list-sql";
import { type ListPage, PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import {
  countByStatus,
  readListPage,
  staffListWhere,
  statusIn,
  statusOf,
} from "@/lib/vpn-request/find-vpn-requests";
import {
  ATTENTION_ORDER,
  isProvisioned,
  PROVISIONED_STATUSES,
  type VpnStatus,
} from "@/lib/vpn-request/lifecycle";

export const CONNECTION_SORTS = ["attention", "name", "organization", "polled"] as const;
export type ConnectionSort = (typeof CONNECTION_SORTS)[number];

export type ConnectionQuery = {
  status?: VpnStatus;
  /** An organization ID, or part of an organization's name. */
  organization?: string;
  region?: string;
  q?: string;
  sort: ConnectionSort;
  dir: SortDirection;
  page: number;
  pageSize?: number;
};

export const connectionSelect = {
  id: true,
  customerName: true,
  region: true,
  status: true,
  statusChangedAt: true,
  tunnelCount: true,
  lastPolledAt: true,
  vpnConnectionId: true,
  organization: { select: { id: true, name: true } },
  tunnels: { select: { number: true, status: true }, orderBy: { number: "asc" } },
} satisfies Prisma.VpnRequestSelect;

type ConnectionRow = Prisma.VpnRequestGetPayload<{ select: typeof connectionSelect }>;

// connectionSelect's columns of "VpnRequest" r in plain SQL (decision 027), the tunnels aggregated
// by number (an index lookup a row); the organization comes from readRequestRows' join.
const CONNECTION_COLUMNS = Prisma.sql`r.id, r."customerName", r.region, r.status::text as status,
  r."statusChangedAt", r."tunnelCount", r."lastPolledAt", r."vpnConnectionId",
  coalesce((select json_agg(json_build_object('number', t.number, 'status', t.status) order by t.number)
    from "Tunnel" t where t."requestId" = r.id), '[]') as tunnels`;

// Every order ends with the ID, so pages never overlap.
const ORDER: Record<Exclude<ConnectionSort, "attention">, (dir: Prisma.Sql) => Prisma.Sql> = {
  name: (dir) => Prisma.sql`r."customerName" ${dir}, r.id ${dir}`,
  organization: (dir) => Prisma.sql`o.name ${dir}, r."customerName" asc, r.id ${dir}`,
  polled: (dir) => Prisma.sql`r."lastPolledAt" ${dir} nulls first, r.id ${dir}`,
};

/**
 * Every organization's provisioned connections (staff), one page at a time. The default order is
 * worst first (ATTENTION_ORDER), longest in that state first — paged across the statuses with the
 * counts of one aggregate, each slice an index range on (status, statusChangedAt).
 */
export async function findConnectionsOverview(
  query: ConnectionQuery,
): Promise<ListPage<ConnectionOverviewRow, VpnStatus>> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const filters = [
    ...(query.region ? [Prisma.sql`r.region = ${query.region}`] : []),
    ...staffListWhere(query),
  ];
  const base = [statusIn(...PROVISIONED_STATUSES), ...filters];
  const counts = await countByStatus(base);
  const status = query.status && isProvisioned(query.status) ? query.status : undefined;
  const statuses = ATTENTION_ORDER.filter((value) => !status || value === status);
  const total = statuses.reduce((sum, value) => sum + (counts[value] ?? 0), 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const rows = await readListPage<ConnectionRow>({
    columns: CONNECTION_COLUMNS,
    // A slice's or the filter's one status implies "provisioned" (and keeps the index order).
    where: status
      ? [...filters, statusOf(status, filters.length > 0)]
      : query.sort === "attention"
        ? filters
        : base,
    window: { offset, pageSize, total },
    order:
      query.sort === "attention"
        ? {
            segments: statuses.map((value) => ({
              where: statusOf(value, filters.length > 0),
              size: counts[value] ?? 0,
            })),
            within: Prisma.sql`"statusChangedAt" asc, id asc`,
          }
        : ORDER[query.sort](direction(query.dir)),
  });
  return { rows: rows.map(withTunnelSummary), total, page, pageSize, pageCount, counts };
}

/** The tunnels a row's tunnel count uses, how many are up, and whether that is redundancy. */
export function withTunnelSummary(row: ConnectionRow) {
  const used = row.tunnels.filter((tunnel) => tunnel.number <= row.tunnelCount);
  return {
    ...row,
    tunnels: used,
    upTunnels: used.filter((tunnel) => tunnel.status === "UP").length,
    redundancyMet: isRedundancyMet(row.tunnelCount, used),
  };
}

export type ConnectionOverviewRow = ReturnType<typeof withTunnelSummary>;
