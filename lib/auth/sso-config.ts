import { getEnv } from "@/lib/env";

/** next-auth's id for the OpenID Connect provider: its callback is /api/auth/callback/sso. */
export const SSO_PROVIDER_ID = "sso";

/** The provider settings when OIDC_* are set (issue 15), else null: password sign-in only. */
export function ssoSettings(): {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
} | null {
  const env = getEnv();
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_DISPLAY_NAME,
  };
}

export function isSsoConfigured(): boolean {
  return ssoSettings() !== null;
}
