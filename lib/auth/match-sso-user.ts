import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionUser } from "@/lib/auth/auth-config";
import { sessionUserOf, sessionUserSelect } from "@/lib/auth/session-user-select";
import { type SsoClaims, type SsoRefusal, ssoEmailOf, ssoRefusalOf } from "@/lib/auth/sso-match-policy";
import { db } from "@/lib/db";

export type SsoMatch = { ok: true; user: SessionUser } | { ok: false; reason: SsoRefusal };

/**
 * Matches a single sign-on to a portal user by verified e-mail (lib/auth/sso-match-policy.ts);
 * every outcome is audited. The session it starts carries the same session version and sign-in
 * time as a password session, so revocation and lifetimes apply alike.
 */
export async function matchSsoUser(claims: SsoClaims & { sub?: unknown }, issuer: string): Promise<SsoMatch> {
  const email = ssoEmailOf(claims);
  const user = email
    ? await db.user.findUnique({
        where: { email },
        select: sessionUserSelect,
      })
    : null;
  const refusal = ssoRefusalOf(claims, user);
  await recordAuditEvent({
    actor: { id: null, email: "system" },
    action: refusal ? "auth.sso-refused" : "auth.sso-signed-in",
    targetType: "User",
    targetId: user?.id ?? "unknown",
    organizationId: user?.organizationId ?? null,
    details: {
      email: email ?? "none",
      issuer,
      subject: typeof claims.sub === "string" ? claims.sub : "none",
      ...(refusal ? { reason: refusal } : {}),
    },
  });
  if (refusal || !user) return { ok: false, reason: refusal ?? "unknown-user" };
  return { ok: true, user: sessionUserOf(user) };
}
