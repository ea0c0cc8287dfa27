// Who a single sign-on may sign in as (issue 15). Pure: the provider's claims and the portal user
// with that e-mail, if any. There is no silent account creation: the e-mail must be verified by the
// provider and belong to an existing or invited portal user who is not deactivated.

export type SsoClaims = { email?: unknown; email_verified?: unknown };

export type SsoRefusal = "no-email" | "unverified-email" | "unknown-user" | "deactivated";

export function ssoEmailOf(claims: SsoClaims): string | null {
  if (typeof claims.email !== "string") return null;
  const email = claims.email.trim().toLowerCase();
  return email.includes("@") && email.length <= 254 ? email : null;
}

export function ssoRefusalOf(
  claims: SsoClaims,
  user: { deactivatedAt: Date | null } | null,
): SsoRefusal | null {
  if (!ssoEmailOf(claims)) return "no-email";
  // Some providers send the claim as a string.
  if (claims.email_verified !== true && claims.email_verified !== "true") return "unverified-email";
  if (!user) return "unknown-user";
  if (user.deactivatedAt) return "deactivated";
  return null;
}

/** What the sign-in page says for each refusal (it receives the code in `?error=`). */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal | "sso-failed", string> = {
  "no-email": "Your identity provider did not send an e-mail address, so no portal account could be matched.",
  "unverified-email":
    "Your identity provider has not verified your e-mail address. Verify it there, then sign in with SSO again.",
  "unknown-user":
    "No portal account matches the e-mail address your identity provider gave. Ask your organization's admin to invite you, then sign in with SSO again.",
  deactivated: "This portal account is deactivated. Ask an admin to reactivate it.",
  "sso-failed": "Single sign-on did not complete. Try again, or sign in with your password.",
};

export function ssoErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (code.startsWith("sso-")) {
    const refusal = code.slice(4) as SsoRefusal;
    if (refusal in SSO_REFUSAL_MESSAGES) return SSO_REFUSAL_MESSAGES[refusal];
  }
  // next-auth's own codes (OAuthCallbackError, AccessDenied, Configuration, …).
  return SSO_REFUSAL_MESSAGES["sso-failed"];
}
