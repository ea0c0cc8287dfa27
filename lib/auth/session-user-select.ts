import type { SessionUser } from "@/lib/auth/auth-config";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";

/** What starting or checking a session reads of a user: who they are, their scope, and whether a session may stand. */
export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  sessionVersion: true,
  organizationId: true,
  deactivatedAt: true,
} satisfies Prisma.UserSelect;

/** The session a user starts, by password or single sign-on alike: staff is every role but CUSTOMER. */
export function sessionUserOf(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    staff: user.role !== "CUSTOMER",
    sessionVersion: user.sessionVersion,
  };
}
