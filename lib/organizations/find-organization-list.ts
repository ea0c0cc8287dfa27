import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";

/** An organization as the admin pages list and edit it. */
const organizationSelect = {
  id: true,
  name: true,
  plan: true,
  vpnAddOn: true,
  createdAt: true,
} satisfies Prisma.OrganizationSelect;

/** The admin's organization list: by name (or exact Org ID), with how many users and requests each has. */
export function findOrganizationList(search?: string) {
  const term = search?.trim();
  const where: Prisma.OrganizationWhereInput = term
    ? {
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          ...(isUuid(term) ? [{ id: term.toLowerCase() }] : []),
        ],
      }
    : {};
  return db.organization.findMany({
    where,
    select: { ...organizationSelect, _count: { select: { users: true, requests: true } } },
    orderBy: { name: "asc" },
    take: 200,
  });
}

/** One organization as the admin edits it, or null. */
export function findOrganizationForAdmin(id: string) {
  if (!isUuid(id)) return null;
  return db.organization.findUnique({
    where: { id },
    select: {
      ...organizationSelect,
      users: {
        select: { id: true, email: true, name: true, deactivatedAt: true },
        orderBy: { email: "asc" },
      },
    },
  });
}

/** What admins changed on an organization, newest first (the audit log's before/after). */
export function findOrganizationHistory(id: string) {
  return db.auditEvent.findMany({
    where: { targetType: "Organization", targetId: id },
    orderBy: { createdAt: "desc" },
    select: { id: true, action: true, actorEmail: true, createdAt: true, details: true },
    take: 50,
  });
}
