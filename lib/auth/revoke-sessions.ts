import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";

/** Ends every session of the user: cookies carry the version they were issued with. */
export async function revokeSessions(userId: string): Promise<void> {
  const user = await db.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true, email: true, organizationId: true },
  });
  await recordAuditEvent({
    actor: { id: user.id, email: user.email },
    action: "auth.sessions-revoked",
    targetType: "User",
    targetId: user.id,
    organizationId: user.organizationId,
  });
}
