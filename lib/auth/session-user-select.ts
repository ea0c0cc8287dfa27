import type { Prisma } from "@/lib/generated/prisma/client";

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
