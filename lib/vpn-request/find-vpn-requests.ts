import type { OrganizationScope, Scope } from "@/lib/auth/viewer";
import "server-only";
import { presentActor } from "@/lib/audit/present-actor";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
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

export type QueueFilters = { status?: VpnStatus; organizationId?: string };

/** Support's queue across organizations: every pending request first (oldest first), then the rest. */
export async function findRequestQueue(filters: QueueFilters) {
  const where: Prisma.VpnRequestWhereInput = {};
  if (filters.status) where.status = filters.status;
  if (filters.organizationId) where.organizationId = filters.organizationId;
  const oldestFirst = { submittedAt: "asc" } as const;
  // Pending requests are never cut off by the page size: they are the queue's reason to exist.
  const pending = await db.vpnRequest.findMany({
    where: { ...where, AND: [{ status: "PENDING_APPROVAL" }] },
    select: listSelect,
    orderBy: oldestFirst,
  });
  const others = await db.vpnRequest.findMany({
    where: { ...where, NOT: { status: "PENDING_APPROVAL" } },
    select: listSelect,
    orderBy: oldestFirst,
    take: 500,
  });
  return [...pending, ...others];
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

export function findOrganizations() {
  return db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}
