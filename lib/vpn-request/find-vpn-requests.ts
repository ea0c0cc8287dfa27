import type { OrganizationScope, Scope } from "@/lib/auth/viewer";
import "server-only";
import { presentActor } from "@/lib/audit/present-actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { type ListPage, PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { readSegmentPage } from "@/lib/lists/plan-segment-page";
import {
  customerFailureMessage,
  failureReference,
  staffFailureMessage,
} from "@/lib/vpn-request/customer-failure-message";
import { scopedOrganizationWhere, scopedRequestWhere } from "@/lib/vpn-request/scope";

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

/** One request as the caller may see it; null when it does not exist or is not theirs. */
export async function findVpnRequest(id: string, scope: Scope) {
  if (!isUuid(id)) return null;
  const request = await db.vpnRequest.findFirst({
    where: scopedRequestWhere(id, scope),
    include: {
      organization: { select: { id: true, name: true, plan: true, vpnAddOn: true } },
      tunnels: { orderBy: { number: "asc" } },
    },
  });
  if (!request) return null;
  return {
    ...request,
    bgpAsn: request.bgpAsn === null ? null : Number(request.bgpAsn),
    failureMessage: presentFailure(request, scope),
  };
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

export type VpnRequestDetail = NonNullable<Awaited<ReturnType<typeof findVpnRequest>>>;

/**
 * The request's audit trail, oldest first. A customer viewer sees staff as "Platform support" and
 * no event details (they can carry AWS error text); staff see everything.
 */
export async function findRequestHistory(id: string, viewer: { customer: boolean } = { customer: false }) {
  const events = await db.auditEvent.findMany({
    where: { targetType: "VpnRequest", targetId: id },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, actorId: true, actorEmail: true, createdAt: true, details: true },
  });
  // Positive check: only the organization's own members are named to a customer; staff, and anyone
  // no longer in the database, are "Platform support".
  const actorIds = [...new Set(events.flatMap((event) => (event.actorId ? [event.actorId] : [])))];
  const colleagues = new Set(
    viewer.customer && actorIds.length > 0
      ? (
          await db.user.findMany({
            where: { id: { in: actorIds }, role: "CUSTOMER" },
            select: { id: true },
          })
        ).map((user) => user.id)
      : [],
  );
  return events.map(({ actorId, ...event }) => ({
    ...event,
    actorEmail: presentActor(
      { actorEmail: event.actorEmail, actorIsStaff: actorId !== null && !colleagues.has(actorId) },
      viewer,
    ),
    details: viewer.customer ? null : event.details,
  }));
}

/** Every organization's ID and name, for the admin and audit forms that pick one. */
export function findOrganizations() {
  return db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
