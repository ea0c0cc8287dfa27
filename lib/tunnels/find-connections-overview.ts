import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type ListPage, PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { readSegmentPage } from "@/lib/lists/plan-segment-page";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import { countByStatus, staffListWhere } from "@/lib/vpn-request/find-vpn-requests";
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

const connectionSelect = {
  id: true,
  customerName: true,
  region: true,
  status: true,
  statusChangedAt: true,
  tunnelCount: true,
  lastPolledAt: true,
  vpnConnectionId: true,
  organization: { select: { id: true, name: true } },
  tunnels: { select: { number: true, status: true, statusMessage: true }, orderBy: { number: "asc" } },
} satisfies Prisma.VpnRequestSelect;

type ConnectionRow = Prisma.VpnRequestGetPayload<{ select: typeof connectionSelect }>;

const ORDER: Record<
  Exclude<ConnectionSort, "attention">,
  (dir: SortDirection) => Prisma.VpnRequestOrderByWithRelationInput[]
> = {
  name: (dir) => [{ customerName: dir }, { id: dir }],
  organization: (dir) => [{ organization: { name: dir } }, { customerName: "asc" }, { id: dir }],
  polled: (dir) => [{ lastPolledAt: { sort: dir, nulls: "first" } }, { id: dir }],
};

/**
 * Every organization's provisioned connections (staff), one page at a time. The default order is
 * worst first (ATTENTION_ORDER), longest in that state first — paged across the statuses with the
 * counts of one groupBy, each slice an index range on (status, statusChangedAt).
 */
export async function findConnectionsOverview(
  query: ConnectionQuery,
): Promise<ListPage<ConnectionOverviewRow, VpnStatus>> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base: Prisma.VpnRequestWhereInput = {
    AND: [
      { status: { in: [...PROVISIONED_STATUSES] } },
      query.region ? { region: query.region } : {},
      ...(await staffListWhere(query)),
    ],
  };
  const counts = await countByStatus(base);
  const status = query.status && isProvisioned(query.status) ? query.status : undefined;
  const statuses = ATTENTION_ORDER.filter((value) => !status || value === status);
  const total = statuses.reduce((sum, value) => sum + (counts[value] ?? 0), 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const where: Prisma.VpnRequestWhereInput = status ? { AND: [base, { status }] } : base;
  const read = (args: Pick<Prisma.VpnRequestFindManyArgs, "where" | "orderBy" | "skip" | "take">) =>
    db.vpnRequest.findMany({ ...args, select: connectionSelect });
  const sizes = statuses.map((value) => counts[value] ?? 0);
  const rows =
    query.sort === "attention"
      ? await readSegmentPage(sizes, offset, pageSize, ({ segment, skip, take }) =>
          read({
            where: { AND: [base, { status: statuses[segment] }] },
            orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
            skip,
            take,
          }),
        )
      : await read({ where, orderBy: ORDER[query.sort](query.dir), skip: offset, take: pageSize });
  return { rows: rows.map(withTunnelSummary), total, page, pageSize, pageCount, counts };
}

function withTunnelSummary(row: ConnectionRow) {
  const used = row.tunnels.filter((tunnel) => tunnel.number <= row.tunnelCount);
  return {
    ...row,
    tunnels: used,
    upTunnels: used.filter((tunnel) => tunnel.status === "UP").length,
    redundancyMet: isRedundancyMet(row.tunnelCount, used),
  };
}

export type ConnectionOverviewRow = ReturnType<typeof withTunnelSummary>;
