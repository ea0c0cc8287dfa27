import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type CustomerViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import type { ApiTokenInput } from "./api-token-schema";
import { displayPrefix, generateApiToken, hashApiToken } from "./token-secret";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Live (unrevoked, unexpired) tokens an organization may hold at once. */
export const MAX_LIVE_TOKENS_PER_ORGANIZATION = 20;

/**
 * Makes a token for the viewer's organization, acting as the viewer. Returns the token itself,
 * which is never stored and cannot be shown again.
 */
export async function createApiToken(input: ApiTokenInput, viewer: CustomerViewer, now = new Date()) {
  if (viewer.apiToken)
    throw new UserFacingError("API tokens are made on the “API tokens” page, not through the API.");
  const live = await db.apiToken.count({
    where: { organizationId: viewer.organizationId, revokedAt: null, expiresAt: { gt: now } },
  });
  if (live >= MAX_LIVE_TOKENS_PER_ORGANIZATION) {
    throw new UserFacingError(
      `Your organization already has ${live} live tokens; revoke one you no longer use, then create this one.`,
    );
  }
  const token = generateApiToken();
  const expiresAt = new Date(now.getTime() + Number(input.expiresInDays) * DAY_MS);
  const created = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        organizationId: viewer.organizationId,
        name: input.name,
        tokenHash: hashApiToken(token),
        prefix: displayPrefix(token),
        createdById: viewer.id,
        expiresAt,
      },
      select: { id: true, name: true, prefix: true, expiresAt: true },
    });
    await recordAuditEvent(
      {
        actor: actorOf(viewer),
        action: "api-token.created",
        targetType: "ApiToken",
        targetId: row.id,
        organizationId: viewer.organizationId,
        details: { name: row.name, prefix: row.prefix, expiresAt: row.expiresAt.toISOString() },
      },
      tx,
    );
    return row;
  });
  return { ...created, token };
}
