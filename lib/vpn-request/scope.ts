import type { Scope } from "@/lib/auth/viewer";
import { Prisma } from "@/lib/generated/prisma/client";

/** A request's row as this scope may see it: ownership goes into the query itself. */
export function scopedRequestWhere(id: string, scope: Scope): Prisma.VpnRequestWhereInput {
  return scope.kind === "staff" ? { id } : { id, organizationId: scope.organizationId };
}

/** Rows of any model that carries `organizationId`, limited to what this scope may see. */
export function scopedOrganizationWhere(scope: Scope): { organizationId?: string } {
  return scope.kind === "staff" ? {} : { organizationId: scope.organizationId };
}

/**
 * The same rule for a plain SQL statement over requests (or any rows that carry `organizationId`,
 * such as alert deliveries) aliased `alias`: nothing more for staff, the organization for a
 * customer (an `and …` to append to the statement's `where`).
 */
export function scopedRequestSql(scope: Scope, alias: string): Prisma.Sql {
  if (scope.kind === "staff") return Prisma.empty;
  return Prisma.sql`and ${Prisma.raw(`"${alias}"`)}."organizationId" = ${scope.organizationId}::uuid`;
}
