import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Who is looking: a customer sees their organization's rows only, staff see all. Ownership goes
 * into the query itself; the union type makes an `undefined` organization impossible to pass.
 */
export type RequestScope = { kind: "organization"; organizationId: string } | { kind: "staff" };

export function scopedRequestWhere(id: string, scope: RequestScope): Prisma.VpnRequestWhereInput {
  return scope.kind === "staff" ? { id } : { id, organizationId: scope.organizationId };
}

export function scopeOf(user: { role: string; organizationId: string | null }): RequestScope {
  if (user.role === "CUSTOMER") {
    if (!user.organizationId) throw new Error("customer without organization");
    return { kind: "organization", organizationId: user.organizationId };
  }
  return { kind: "staff" };
}
