import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { isSessionRefused } from "@/lib/auth/check-session";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  organizationId: string | null;
};

export const STAFF_ROLES: readonly Role[] = ["SUPPORT", "ADMIN"];

export function isStaff(user: Pick<CurrentUser, "role">): boolean {
  return STAFF_ROLES.includes(user.role);
}

/** The signed-in user, re-read from the database per request so role changes apply at once. */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const found = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, organizationId: true, sessionVersion: true },
  });
  if (!found) return null;
  // Issue 10: a revoked (signed-out) or too old session is no session; staff by the current role.
  const { sessionVersion, ...user } = found;
  if (isSessionRefused(session, { staff: isStaff(user), sessionVersion })) return null;
  return user;
});

export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** A customer with their organization; staff are sent to their own pages. */
export async function requireCustomer(): Promise<CurrentUser & { organizationId: string }> {
  const user = await requireUser();
  if (user.role !== "CUSTOMER" || !user.organizationId) redirect("/support");
  return { ...user, organizationId: user.organizationId };
}

/** Staff only: everyone else gets the 403 page. */
export async function requireStaff(): Promise<CurrentUser> {
  const user = await requireUser();
  if (!isStaff(user)) forbidden();
  return user;
}
