import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

/**
 * An admin resets a user's second factor (a lost phone): the secret and recovery codes go, open
 * sessions end (session version), and the user enrols again at their next sign-in. Audited.
 */
export async function resetSecondFactor(userId: string, actor: Actor & { id: string }) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, organizationId: true, totpEnabledAt: true, totpSecretEncrypted: true },
    });
    if (!user) throw new NotFoundError("That user");
    const hadSecondFactor = Boolean(user.totpEnabledAt || user.totpSecretEncrypted);
    await tx.user.update({
      where: { id: userId },
      data: { totpSecretEncrypted: null, totpEnabledAt: null, sessionVersion: { increment: 1 } },
    });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await recordAuditEvent(
      {
        actor,
        action: "user.second-factor-reset",
        targetType: "User",
        targetId: userId,
        organizationId: user.organizationId,
        details: { email: user.email, hadSecondFactor },
      },
      tx,
    );
    return { changed: hadSecondFactor };
  });
}
