import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";
import { assertOrganizationExists } from "@/lib/users/invite-user";
import type { UpdateUserInput } from "@/lib/users/user-schema";

/** An admin changes a user's role or organization; audited with before/after. Takes effect at once. */
export async function updateUser(input: UpdateUserInput, actor: Actor & { id: string }) {
  if (input.userId === actor.id && input.role !== "ADMIN")
    throw new UserFacingError(
      "You cannot take away your own admin role: ask another admin, so the portal always keeps one.",
      "role",
    );
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({
      where: { id: input.userId },
      select: { role: true, organizationId: true },
    });
    if (!before) throw new NotFoundError("That user");
    await assertOrganizationExists(tx, input.organizationId);
    const after = { role: input.role, organizationId: input.organizationId };
    if (before.role === after.role && before.organizationId === after.organizationId)
      return { changed: false };
    await tx.user.update({ where: { id: input.userId }, data: after });
    await recordAuditEvent(
      {
        actor,
        action: "user.updated",
        targetType: "User",
        targetId: input.userId,
        organizationId: after.organizationId ?? before.organizationId,
        details: { before, after },
      },
      tx,
    );
    return { changed: true };
  });
}
