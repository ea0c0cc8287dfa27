import type { OrganizationScope, Scope } from "@/lib/auth/viewer";
import "server-only";
import { presentActor } from "@/lib/audit/present-actor";
import { db, jsonTimestamp, readRows } from "@/lib/db";
import { Prisma, type Tunnel, type VpnRequest } from "@/lib/generated/prisma/client";
import type { Plan, VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { type ListPage, PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { readSegmentPage } from "@/lib/lists/plan-segment-page";
import {
  customerFailureMessage,
  failureReference,
  staffFailureMessage,
} from "@/lib/vpn-request/customer-failure-message";
import { scopedOrganizationWhere, scopedRequestSql } from "@/lib/vpn-request/scope";

const listSelect = {
  id: true,
  customerName: true,
  region: true,
  routing: true,
  tunnelCount: true,
  status: true,
  statusChangedAt: true,
  submittedAt: true,
  customerGatewayIp: true,
  approvedByPolicy: true,
  organization: { select: { id: true, name: true } },
} satisfies Prisma.VpnRequestSelect;

export type VpnRequestListItem = Prisma.VpnRequestGetPayload<{ select: typeof listSelect }>;

/** A customer's dashboard: their organization's requests, newest first. */
export function findOrganizationRequests(scope: OrganizationScope) {
  return db.vpnRequest.findMany({
    where: scopedOrganizationWhere(scope),
    select: listSelect,
    orderBy: { submittedAt: "desc" },
  });
}

export const QUEUE_SORTS = ["queue", "submitted", "name", "organization", "status"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export type QueueQuery = {
  status?: VpnStatus;
  /** An organization ID, or part of an organization's name. */
  organization?: string;
  /** Part of the name or organization, start of the gateway IP or VPN connection ID, or a request ID. */
  q?: string;
  sort: QueueSort;
  dir: SortDirection;
  page: number;
  pageSize?: number;
};

/** Organizations whose name contains `text`: resolved first, so list queries need no join. */
async function organizationIdsNamed(text: string): Promise<string[]> {
  const organizations = await db.organization.findMany({
    where: { name: { contains: text, mode: "insensitive" } },
    select: { id: true },
  });
  return organizations.map((organization) => organization.id);
}

/**
 * The filters both staff lists share. `organization`: an ID matches exactly, anything else part of
 * a name. `q`: part of the name or of the organization's name, the start of the gateway IP or of
 * the VPN connection ID, or a request ID.
 */
export async function staffListWhere(filters: {
  organization?: string;
  q?: string;
}): Promise<Prisma.VpnRequestWhereInput[]> {
  const { organization, q } = filters;
  const [named, searched] = await Promise.all([
    organization && !isUuid(organization) ? organizationIdsNamed(organization) : null,
    q ? organizationIdsNamed(q) : null,
  ]);
  const where: Prisma.VpnRequestWhereInput[] = [];
  if (organization) {
    where.push({ organizationId: named ? { in: named } : organization.toLowerCase() });
  }
  if (q) {
    const or: Prisma.VpnRequestWhereInput[] = [
      { customerName: { contains: q, mode: "insensitive" } },
      { customerGatewayIp: { startsWith: q } },
      { vpnConnectionId: { startsWith: q.toLowerCase() } },
    ];
    if (searched?.length) or.push({ organizationId: { in: searched } });
    if (isUuid(q)) or.push({ id: q.toLowerCase() });
    where.push({ OR: or });
  }
  return where;
}

/** Rows per status of a list's where clause: one groupBy, read by the page's counts and its paging. */
export async function countByStatus(where: Prisma.VpnRequestWhereInput) {
  const groups = await db.vpnRequest.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: Partial<Record<VpnStatus, number>> = {};
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

const QUEUE_ORDER: Record<
  Exclude<QueueSort, "queue">,
  (dir: SortDirection) => Prisma.VpnRequestOrderByWithRelationInput[]
> = {
  submitted: (dir) => [{ submittedAt: dir }, { id: dir }],
  name: (dir) => [{ customerName: dir }, { id: dir }],
  organization: (dir) => [{ organization: { name: dir } }, { submittedAt: "asc" }, { id: dir }],
  status: (dir) => [{ status: dir }, { submittedAt: "asc" }, { id: dir }],
};

/**
 * Support's queue across organizations, one page at a time. The default order is the queue's:
 * every pending request first (oldest first), then the rest (oldest first) — paged across the two
 * with the pending count from the same groupBy that gives the page its counts per status.
 */
export async function findRequestQueue(query: QueueQuery): Promise<ListPage<VpnRequestListItem, VpnStatus>> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base: Prisma.VpnRequestWhereInput = { AND: await staffListWhere(query) };
  const counts = await countByStatus(base);
  const where: Prisma.VpnRequestWhereInput = query.status ? { AND: [base, { status: query.status }] } : base;
  const total = query.status
    ? (counts[query.status] ?? 0)
    : Object.values(counts).reduce((sum, count) => sum + count, 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const read = (args: Pick<Prisma.VpnRequestFindManyArgs, "where" | "orderBy" | "skip" | "take">) =>
    db.vpnRequest.findMany({ ...args, select: listSelect });
  const pending = !query.status || query.status === "PENDING_APPROVAL" ? (counts.PENDING_APPROVAL ?? 0) : 0;
  const segments: Prisma.VpnRequestWhereInput[] = [
    { AND: [where, { status: "PENDING_APPROVAL" }] },
    { AND: [where, { NOT: { status: "PENDING_APPROVAL" } }] },
  ];
  const rows: VpnRequestListItem[] =
    query.sort === "queue"
      ? await readSegmentPage([pending, total - pending], offset, pageSize, ({ segment, skip, take }) =>
          read({ where: segments[segment], orderBy: [{ submittedAt: "asc" }, { id: "asc" }], skip, take }),
        )
      : await read({ where, orderBy: QUEUE_ORDER[query.sort](query.dir), skip: offset, take: pageSize });
  return { rows, total, page, pageSize, pageCount, counts };
}

type TunnelRow = Omit<Tunnel, "pskEncrypted" | "pendingPskEncrypted">;
/** A tunnel as `to_jsonb` writes it: timestamps as UTC text without a zone. */
type TunnelJson = Omit<TunnelRow, TunnelDate> & Record<TunnelDate, string | null>;
type TunnelDate =
  | "statusSince"
  | "maintenanceDeadline"
  | "maintenanceAlertedAt"
  | "causeCheckedAt"
  | "createdAt"
  | "updatedAt";
const TUNNEL_DATES = [
  "statusSince",
  "maintenanceDeadline",
  "maintenanceAlertedAt",
  "causeCheckedAt",
  "createdAt",
  "updatedAt",
] as const satisfies readonly TunnelDate[];

/** A request's row with its organization and tunnels, as `requestDetailSql` reads it. */
export type RequestDetailRow = Omit<VpnRequest, "bgpAsn" | "subnetRanges" | "advertisedNetworks"> & {
  /** bigint, as pg reads it. */
  bgpAsn: string | null;
  subnetRanges: string[] | null;
  advertisedNetworks: string[] | null;
  organization: { id: string; name: string; plan: Plan; vpnAddOn: boolean };
  tunnels: TunnelJson[];
};

/**
 * The statement of one request with its organization and tunnels (their sealed keys left out, as
 * `db` omits them), the scope in its `where`; `also`: more columns of `r` (a page's other reads).
 */
export function requestDetailSql(id: string, scope: Scope, also: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    select r.*,
      json_build_object('id', o.id, 'name', o.name, 'plan', o.plan, 'vpnAddOn', o."vpnAddOn") as organization,
      coalesce(
        (select jsonb_agg(to_jsonb(t) - 'pskEncrypted' - 'pendingPskEncrypted' order by t.number)
          from "Tunnel" t where t."requestId" = r.id),
        '[]'::jsonb
      ) as tunnels ${also}
    from "VpnRequest" r join "Organization" o on o.id = r."organizationId"
    where r.id = ${id}::uuid ${scopedRequestSql(scope, "r")}`;
}

/**
 * One request as the caller may see it; null when it does not exist or is not theirs. Every page
 * about a request reads it, so it is one plain statement (decision 027).
 */
export async function findVpnRequest(id: string, scope: Scope) {
  if (!isUuid(id)) return null;
  const [row] = await readRows<RequestDetailRow>(requestDetailSql(id, scope));
  return row ? requestDetailOf(row, scope) : null;
}

/** The request as its pages and the API read it, from its row. */
export function requestDetailOf(row: RequestDetailRow, scope: Scope) {
  return {
    ...row,
    // A list column never written is NULL in the table; Prisma reads it as [].
    subnetRanges: row.subnetRanges ?? [],
    advertisedNetworks: row.advertisedNetworks ?? [],
    tunnels: row.tunnels.map(tunnelOf),
    bgpAsn: row.bgpAsn === null ? null : Number(row.bgpAsn),
    failureMessage: presentFailure(row, scope),
  };
}

function tunnelOf(json: TunnelJson): TunnelRow {
  const tunnel = { ...json } as unknown as TunnelRow;
  for (const key of TUNNEL_DATES) {
    (tunnel as Record<TunnelDate, Date | null>)[key] = jsonTimestamp(json[key]);
  }
  return tunnel;
}

/** Customers get a reference instead of AWS's text; staff get the text with the same reference. */
function presentFailure(
  request: { id: string; failureMessage: string | null; failedAt: Date | null },
  scope: Scope,
): string | null {
  if (request.failureMessage === null) return null;
  const reference = failureReference(request.id, request.failedAt);
  return scope.kind === "organization"
    ? customerFailureMessage(reference)
    : staffFailureMessage(reference, request.failureMessage);
}

export type VpnRequestDetail = ReturnType<typeof requestDetailOf>;

/** An audit event as `requestHistorySql` writes it (JSON: the timestamp as UTC text). */
export type HistoryJson = {
  id: string;
  action: string;
  actorEmail: string | null;
  createdAt: string;
  details: Prisma.JsonValue;
  /** Someone (not the system) acted, and is not a customer in the database: staff, or gone. */
  actorIsStaff: boolean;
};

/** The request's audit trail, oldest first, as one JSON column (`requestId`: an expression of it). */
export function requestHistorySql(requestId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(
    (select json_agg(json_build_object(
        'id', e.id, 'action', e.action, 'actorEmail', e."actorEmail", 'createdAt', e."createdAt",
        'details', e.details,
        'actorIsStaff', e."actorId" is not null and u.role is distinct from 'CUSTOMER'
      ) order by e."createdAt", e.id)
      from "AuditEvent" e left join "User" u on u.id = e."actorId"
      where e."targetType" = 'VpnRequest' and e."targetId" = ${requestId}),
    '[]'::json
  )`;
}

/**
 * The request's audit trail, oldest first, in one plain statement (every request page reads it). A
 * customer viewer sees staff as "Platform support" and no event details (they can carry AWS error
 * text); staff see everything.
 */
export async function findRequestHistory(id: string, viewer: { customer: boolean } = { customer: false }) {
  const [row] = await readRows<{ history: HistoryJson[] }>(
    Prisma.sql`select ${requestHistorySql(Prisma.sql`${id}`)} as history`,
  );
  return requestHistoryOf(row?.history ?? [], viewer);
}

export function requestHistoryOf(events: readonly HistoryJson[], viewer: { customer: boolean }) {
  // Positive check: only the organization's own members are named to a customer; staff, and anyone
  // no longer in the database, are "Platform support".
  return events.map(({ actorIsStaff, ...event }) => ({
    ...event,
    createdAt: jsonTimestamp(event.createdAt),
    actorEmail: presentActor({ actorEmail: event.actorEmail, actorIsStaff }, viewer),
    details: viewer.customer ? null : event.details,
  }));
}

/** Every organization's ID and name, for the admin and audit forms that pick one. */
export function findOrganizations() {
  return db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
