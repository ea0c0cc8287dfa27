// How long a session lives (issue 10): idle timeout through the cookie's rolling expiry (see
// auth-config.ts), an absolute lifetime from sign-in that is shorter for staff, and a session
// version on the user that sign-out bumps, so every earlier cookie stops working. Pure.

export type SessionPolicy = { maxHours: number; staffMaxHours: number };

export type SessionClaims = { authTime?: number; sessionVersion?: number };

export type SessionRefusal = "expired" | "revoked" | null;

/** Why a session may no longer be used, or null when it is still good. `authTime` is in seconds. */
export function sessionRefusal(
  claims: SessionClaims,
  user: { staff: boolean; sessionVersion?: number },
  nowMs: number,
  policy: SessionPolicy,
): SessionRefusal {
  if (typeof claims.authTime !== "number") return "expired"; // issued before sessions carried it
  const hours = user.staff ? policy.staffMaxHours : policy.maxHours;
  if (nowMs - claims.authTime * 1000 > hours * 60 * 60 * 1000) return "expired";
  if (user.sessionVersion !== undefined && claims.sessionVersion !== user.sessionVersion) return "revoked";
  return null;
}
