import "server-only";
import type { OrganizationScope } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

export type ApiTokenState = "active" | "expired" | "revoked";

/** The organization's tokens, newest first (never the hash). */
export async function findApiTokens(scope: OrganizationScope, now = new Date()) {
  const tokens = await db.apiToken.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  return tokens.map((token) => ({
    ...token,
    state: (token.revokedAt ? "revoked" : token.expiresAt <= now ? "expired" : "active") as ApiTokenState,
  }));
}

export type ApiTokenListItem = Awaited<ReturnType<typeof findApiTokens>>[number];
