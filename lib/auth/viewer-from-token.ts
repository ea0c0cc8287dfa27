import "server-only";
import { hashApiToken, isApiTokenShaped } from "@/lib/api-tokens/token-secret";
import { type CustomerViewer, viewerOf } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

/** The viewer of an API call: always carries the token it came with. */
export type TokenViewer = CustomerViewer & { apiToken: NonNullable<CustomerViewer["apiToken"]> };

/** Last-use timestamps are written at most this often per token (reads would otherwise each write). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The viewer an API token stands for: the customer who made it, in the token's organization —
 * the same `CustomerViewer` (scope, capabilities) a signed-in page would get. Null when the token
 * is unknown, revoked or expired, or its maker is no longer a customer of that organization.
 */
export async function viewerFromToken(token: string, now = new Date()): Promise<TokenViewer | null> {
  if (!isApiTokenShaped(token)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    select: {
      id: true,
      name: true,
      organizationId: true,
      createdById: true,
      expiresAt: true,
      revokedAt: true,
    },
  });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  const user = await db.user.findUnique({
    where: { id: row.createdById },
    select: { id: true, email: true, name: true, role: true, organizationId: true },
  });
  const viewer = user ? viewerOf(user) : null;
  if (viewer?.role !== "CUSTOMER" || viewer.organizationId !== row.organizationId) return null;

  await db.apiToken.updateMany({
    where: {
      id: row.id,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }],
    },
    data: { lastUsedAt: now },
  });
  return { ...viewer, apiToken: { id: row.id, name: row.name } };
}
