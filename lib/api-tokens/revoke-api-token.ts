import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type CustomerViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

/** Revokes one of the organization's tokens at once; the next call with it is refused (401). */
export async function revokeApiToken(tokenId: string, viewer: CustomerViewer) {
  await db.$transaction(async (tx) => {
    // Ownership in the query: another organization's token is "not found".
    const updated = await tx.apiToken.updateMany({
      where: { id: tokenId, organizationId: viewer.organizationId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: viewer.id },
    });
    if (updated.count !== 1) throw new NotFoundError("That token (or it was already revoked)");
    await recordAuditEvent(
      {
        actor: actorOf(viewer),
        action: "api-token.revoked",
        targetType: "ApiToken",
        targetId: tokenId,
        organizationId: viewer.organizationId,
      },
      tx,
    );
  });
}
