import type { OrganizationScope, Scope } from "@/lib/auth/viewer";
import "server-only";
import { presentActor } from "@/lib/audit/present-actor";
import { db, jsonTimestamp, readRows } from "@/lib/db";
import { Prisma, type Tunnel, type VpnRequest } from "@/lib/generated/prisma/client";
import type { Plan, VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { direction, likeContaining, likeStartingWith, pageSql, whereAll } from "@/lib/lists/list-sql";
import { type ListPage, PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { planSegmentPage } from "@/lib/lists/plan-segment-page";
import {
  customerFailureMessage,
  failureReference,
  staffFailureMessage,
} from "@/lib/vpn-request/customer-failure-message";
import { scopedRequestSql } from "@/lib/vpn-request/scope";

// The lists below are plain SQL (decision 027: a page is the counts and one statement of rows,
// rather than three to six on Prisma). The selects give the rows'
// types; list-reads.int.test.ts checks the statements answer what Prisma's findMany with them did.
export const listSelect = {
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

// listSelect's columns of "VpnRequest" r; the organization comes from readRequestRows' join.
const LIST_COLUMNS = Prisma.sql`r.id, r."customerName", r.region, r.routing::text as routing, r."tunnelCount",
  r.status::text as status, r."statusChangedAt", r."submittedAt", r."customerGatewayIp", r."approvedByPolicy"`;

/**
 * Rows of requests ("VpnRequest" r) joined with their organization ("Organization" o, read as
 * `organization: { id, name }`): one statement of a list's rows.
 */
export function readRequestRows<T>(read: Parameters<typeof requestRowsSql>[0]): Promise<T[]> {
  return readRows<T>(requestRowsSql(read));
}

function requestRowsSql(read: {
  columns: Prisma.Sql;
  where: readonly Prisma.Sql[];
  orderBy: Prisma.Sql;
  page?: { skip: number; take: number };
}): Prisma.Sql {
  return Prisma.sql`
    select ${read.columns}, json_build_object('id', o.id, 'name', o.name) as organization
    from "VpnRequest" r join "Organization" o on o.id = r."organizationId"
    ${whereAll(read.where)}
    order by ${read.orderBy}
    ${read.page ? pageSql(read.page.skip, read.page.take) : Prisma.empty}`;
}

/** A request ("VpnRequest" r) in one of these statuses, as a condition the status indexes serve. */
export function statusIn(...statuses: readonly VpnStatus[]): Prisma.Sql {
  return Prisma.sql`r.status = any(${statuses}::"VpnStatus"[])`;
}

/**
 * A list's condition for one status. Unfiltered, an equality: PostgreSQL then reads the (status, …)
 * indexes in order, where `= any(array)` made it sort the whole status (a deep ACTIVE slice of the
 * connections: every ACTIVE row, 24 ms at 10 000 requests, 2 ms as an equality). Narrowed by a
 * search or an organization, `= any(array)`: with an equality the planner walks the ordered index
 * betting on finding a page of matches soon, and reads the whole status for an organization's
 * seven (12 ms), where the filter's own index and a sort of its few rows take 1 ms.
 */
export function statusOf(status: VpnStatus, narrowed: boolean): Prisma.Sql {
  return narrowed ? statusIn(status) : Prisma.sql`r.status = ${status}::"VpnStatus"`;
}

/** A customer's dashboard: their organization's requests, newest first. */
export function findOrganizationRequests(scope: OrganizationScope): Promise<VpnRequestListItem[]> {
  return readRequestRows({
    columns: LIST_COLUMNS,
    where: [Prisma.sql`true ${scopedRequestSql(scope, "r")}`],
    orderBy: Prisma.sql`r."submittedAt" desc`,
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

/**
 * Requests (`requests`, "VpnRequest" r unless said) of an organization whose name contains `text`:
 * an array the statement reads once, so `organizationId = any(…)` stays an index condition.
 */
function inOrganizationNamed(text: string, requests: Prisma.Sql = Prisma.raw("r")): Prisma.Sql {
  return Prisma.sql`${requests}."organizationId" = any(array(select id from "Organization" where name ilike ${likeContaining(text)}))`;
}

/**
 * Requests ("VpnRequest" r) that `q` finds: part of the name or of the organization's name, the
 * start of the gateway IP or of the VPN connection ID, or the request's ID. Each way is a query of
 * its own on its index (trigram or b-tree), and the request IDs they find one array: an `or` of the
 * five in one `where` let the planner pick a sequential scan, its cost estimate blind to ILIKE's
 * price (24 ms at 10 000 requests, against 2 ms this way; EXPLAIN ANALYZE in `npm run bench`).
 */
function matchingSearch(q: string): Prisma.Sql {
  const ways = [
    Prisma.sql`select id from "VpnRequest" where "customerName" ilike ${likeContaining(q)}`,
    Prisma.sql`select id from "VpnRequest" where "customerGatewayIp" like ${likeStartingWith(q)}`,
    Prisma.sql`select id from "VpnRequest" where "vpnConnectionId" like ${likeStartingWith(q.toLowerCase())}`,
    Prisma.sql`select id from "VpnRequest" where ${inOrganizationNamed(q, Prisma.raw('"VpnRequest"'))}`,
  ];
  if (isUuid(q)) ways.push(Prisma.sql`select ${q.toLowerCase()}::uuid`);
  return Prisma.sql`r.id = any(array(${Prisma.join(ways, " union all ")}))`;
}

/**
 * The filters both staff lists share, as conditions on "VpnRequest" r. `organization`: an ID
 * matches exactly, anything else part of a name. `q`: part of the name or of the organization's
 * name, the start of the gateway IP or of the VPN connection ID, or a request ID. User text is
 * matched literally (its LIKE wildcards escaped).
 */
export function staffListWhere(filters: { organization?: string; q?: string }): Prisma.Sql[] {
  const { organization, q } = filters;
  const where: Prisma.Sql[] = [];
  if (organization) {
    where.push(
      isUuid(organization)
        ? Prisma.sql`r."organizationId" = ${organization.toLowerCase()}::uuid`
        : inOrganizationNamed(organization),
    );
  }
  if (q) where.push(matchingSearch(q));
  return where;
}

/** Rows per status under a list's conditions: one aggregate, read by the page's counts and its paging. */
export async function countByStatus(
  where: readonly Prisma.Sql[],
): Promise<Partial<Record<VpnStatus, number>>> {
  const groups = await readRows<{ status: VpnStatus; count: number }>(Prisma.sql`
    select r.status::text as status, count(*)::int as count
    from "VpnRequest" r ${whereAll(where)}
    group by r.status`);
  const counts: Partial<Record<VpnStatus, number>> = {};
  for (const group of groups) counts[group.status] = group.count;
  return counts;
}

/**
 * One page of a staff list: when the order is by segment (`segments`: a condition each, with
 * their sizes), a slice per segment the page touches, each `within` the segment — an index range
 * each — in one statement (a `union all`, ordered by slice and then `within`, which names the
 * columns as the rows have them); otherwise one statement in `order`. Nothing is read when the
 * counts say there is nothing.
 */
export async function readListPage<T>(list: {
  columns: Prisma.Sql;
  where: readonly Prisma.Sql[];
  window: { offset: number; pageSize: number; total: number };
  order: Prisma.Sql | { segments: readonly { where: Prisma.Sql; size: number }[]; within: Prisma.Sql };
}): Promise<T[]> {
  const { columns, where, window, order } = list;
  if (window.total === 0) return [];
  if (!("segments" in order)) {
    return readRequestRows<T>({
      columns,
      where,
      orderBy: order,
      page: { skip: window.offset, take: window.pageSize },
    });
  }
  const { segments, within } = order;
  const slices = planSegmentPage(
    segments.map((segment) => segment.size),
    window.offset,
    window.pageSize,
  ).map(({ segment, skip, take }) =>
    requestRowsSql({
      columns: Prisma.sql`${segment}::int as "#slice", ${columns}`,
      where: [...where, segments[segment]?.where ?? Prisma.sql`false`],
      orderBy: within,
      page: { skip, take },
    }),
  );
  if (slices.length === 0) return [];
  const rows = await readRows<T & { "#slice": number }>(Prisma.sql`
    select * from (${Prisma.join(
      slices.map((slice) => Prisma.sql`(${slice})`),
      " union all ",
    )}) page
    order by "#slice", ${within}`);
  return rows.map(({ "#slice": _slice, ...row }) => row as T);
}

// Every order ends with the ID, so pages never overlap.
const QUEUE_ORDER: Record<Exclude<QueueSort, "queue">, (dir: Prisma.Sql) => Prisma.Sql> = {
  submitted: (dir) => Prisma.sql`r."submittedAt" ${dir}, r.id ${dir}`,
  name: (dir) => Prisma.sql`r."customerName" ${dir}, r.id ${dir}`,
  organization: (dir) => Prisma.sql`o.name ${dir}, r."submittedAt" asc, r.id ${dir}`,
  status: (dir) => Prisma.sql`r.status ${dir}, r."submittedAt" asc, r.id ${dir}`,
};

/**
 * Support's queue across organizations, one page at a time. The default order is the queue's:
 * every pending request first (oldest first), then the rest (oldest first) — paged across the two
 * with the pending count from the same aggregate that gives the page its counts per status.
 */
export async function findRequestQueue(query: QueueQuery): Promise<ListPage<VpnRequestListItem, VpnStatus>> {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base = staffListWhere(query);
  const counts = await countByStatus(base);
  const where = query.status ? [...base, statusOf(query.status, base.length > 0)] : base;
  const total = query.status
    ? (counts[query.status] ?? 0)
    : Object.values(counts).reduce((sum, count) => sum + count, 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const pending = !query.status || query.status === "PENDING_APPROVAL" ? (counts.PENDING_APPROVAL ?? 0) : 0;
  const rows = await readListPage<VpnRequestListItem>({
    columns: LIST_COLUMNS,
    where,
    window: { offset, pageSize, total },
    order:
      query.sort === "queue"
        ? {
            segments: [
              { where: statusOf("PENDING_APPROVAL", base.length > 0), size: pending },
              { where: Prisma.sql`r.status <> 'PENDING_APPROVAL'`, size: total - pending },
            ],
            within: Prisma.sql`"submittedAt" asc, id asc`,
          }
        : QUEUE_ORDER[query.sort](direction(query.dir)),
  });
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
