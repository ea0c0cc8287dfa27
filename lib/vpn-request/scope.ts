import type { Scope } from "@/lib/auth/viewer";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A request's row as this scope may see it: ownership goes into the query itself. */
export function scopedRequestWhere(id: string, scope: Scope): Prisma.VpnRequestWhereInput {
  return scope.kind === "staff" ? { id } : { id, organizationId: scope.organizationId };
}

/** Rows of any model that carries `organizationId`, limited to what this scope may see. */
export function scopedOrganizationWhere(scope: Scope): { organizationId?: string } {
  return scope.kind === "staff" ? {} : { organizationId: scope.organizationId };
}
