import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";

/**
 * An admin deactivates or reactivates a user. A deactivated user cannot sign in, and `getViewer`
 * refuses their open session on its next request (it re-reads the user every request).
 */
export async function setUserActive(userId: string, active: boolean, actor: Actor & { id: string }) {
  if (!active && userId === actor.id)
    throw new UserFacingError("You cannot deactivate yourself: ask another admin.");
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { deactivatedAt: true, organizationId: true, email: true },
    });
    if (!user) throw new NotFoundError("That user");
    if (Boolean(user.deactivatedAt) === !active) return { changed: false };
    const deactivatedAt = active ? null : new Date();
    // Compare-and-set: of an admin deactivating and another reactivating at once, one wins, once.
    const updated = await tx.user.updateMany({
      where: { id: userId, deactivatedAt: active ? { not: null } : null },
      data: { deactivatedAt },
    });
    if (updated.count !== 1) return { changed: false };
    await recordAuditEvent(
      {
        actor,
        action: active ? "user.reactivated" : "user.deactivated",
        targetType: "User",
        targetId: userId,
        organizationId: user.organizationId,
        details: { email: user.email },
      },
      tx,
    );
    return { changed: true };
  });
}
