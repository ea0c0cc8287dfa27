import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  organizationId: true,
  deactivatedAt: true,
  createdAt: true,
  /** When the user's second factor was set up (issue 15); null = not enrolled. */
  totpEnabledAt: true,
  organization: { select: { id: true, name: true } },
  invitations: { select: { usedAt: true, expiresAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export type UserState = "active" | "invited" | "invitation-expired" | "deactivated";

export const USER_STATE_LABELS: Record<UserState, string> = {
  active: "Active",
  invited: "Invited",
  "invitation-expired": "Invitation expired",
  deactivated: "Deactivated",
};

/** Active, invited (link not yet used), invitation expired, or deactivated. */
export function userStateOf(
  user: Pick<UserRow, "deactivatedAt" | "invitations">,
  now = new Date(),
): UserState {
  if (user.deactivatedAt) return "deactivated";
  const latest = user.invitations[0];
  if (!latest || latest.usedAt) return "active";
  return latest.expiresAt > now ? "invited" : "invitation-expired";
}

/** The admin's user list, by e-mail or name. */
export async function findUserList(search?: string) {
  const term = search?.trim();
  const where: Prisma.UserWhereInput = term
    ? {
        OR: [
          { email: { contains: term, mode: "insensitive" } },
          { name: { contains: term, mode: "insensitive" } },
        ],
      }
    : {};
  const users = await db.user.findMany({ where, select: userSelect, orderBy: { email: "asc" }, take: 200 });
  return users.map((user) => ({ ...user, state: userStateOf(user) }));
}

export async function findUserForAdmin(id: string) {
  if (!isUuid(id)) return null;
  const user = await db.user.findUnique({ where: { id }, select: userSelect });
  return user ? { ...user, state: userStateOf(user) } : null;
}
