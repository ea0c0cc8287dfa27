import "server-only";
import type { Scope } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { scopedOrganizationWhere } from "@/lib/vpn-request/scope";
import { type AuditLogFilters, auditLogTimeRange } from "./audit-log-filters";
import { presentActor } from "./present-actor";

function whereOf(scope: Scope, filters: AuditLogFilters): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = { ...scopedOrganizationWhere(scope) };
  // Customers are limited to their organization by the scope; only staff choose one.
  if (scope.kind === "staff" && filters.organization) where.organizationId = filters.organization;
  if (scope.kind === "staff" && filters.actor)
    where.actorEmail = { contains: filters.actor, mode: "insensitive" };
  if (filters.action) where.action = filters.action;
  const range = auditLogTimeRange(filters);
  if (range.gte || range.lt) where.createdAt = range;
  return where;
}

const select = {
  id: true,
  createdAt: true,
  actorId: true,
  actorEmail: true,
  action: true,
  targetType: true,
  targetId: true,
  organizationId: true,
  details: true,
} satisfies Prisma.AuditEventSelect;

type Row = Prisma.AuditEventGetPayload<{ select: typeof select }>;

/**
 * Audit events as this viewer may read them, newest first: staff see every organization's, with
 * every filter; customers their organization's only, staff shown as "Platform support" (DESIGN §13)
 * and without event details (they can carry AWS error text).
 */
export async function findAuditEvents(
  scope: Scope,
  filters: AuditLogFilters,
  page: { skip: number; take: number },
) {
  const where = whereOf(scope, filters);
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      select,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, events: await present(rows, scope) };
}

async function present(rows: Row[], scope: Scope) {
  const customer = scope.kind === "organization";
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const staffIds = new Set(
    customer && actorIds.length > 0
      ? (
          await db.user.findMany({
            where: { id: { in: actorIds }, role: { in: ["SUPPORT", "ADMIN"] } },
            select: { id: true },
          })
        ).map((user) => user.id)
      : [],
  );
  const organizationIds = [
    ...new Set(rows.flatMap((row) => (row.organizationId ? [row.organizationId] : []))),
  ];
  const organizations = new Map(
    organizationIds.length > 0
      ? (
          await db.organization.findMany({
            where: { id: { in: organizationIds } },
            select: { id: true, name: true },
          })
        ).map((org) => [org.id, org.name])
      : [],
  );
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    actor: presentActor(
      { actorEmail: row.actorEmail, actorIsStaff: row.actorId !== null && staffIds.has(row.actorId) },
      { customer },
    ),
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    organization: row.organizationId ? (organizations.get(row.organizationId) ?? row.organizationId) : null,
    details: customer ? null : row.details,
  }));
}

export type AuditEventView = Awaited<ReturnType<typeof findAuditEvents>>["events"][number];

/** The actions that occur in this scope, for the filter (GROUP BY in SQL, not a scan in memory). */
export async function findAuditActions(scope: Scope): Promise<string[]> {
  const rows = await db.auditEvent.groupBy({
    by: ["action"],
    where: scopedOrganizationWhere(scope),
    orderBy: { action: "asc" },
    take: 200,
  });
  return rows.map((row) => row.action);
}
