import "server-only";
import NextAuth from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import { baseAuthConfig } from "@/lib/auth/auth-config";
import { clientAddress } from "@/lib/auth/client-address";
import { credentialsSchema } from "@/lib/auth/credentials-schema";
import { matchSsoUser, type SsoMatch } from "@/lib/auth/match-sso-user";
import { revokeSessions } from "@/lib/auth/revoke-sessions";
import { SSO_PROVIDER_ID, ssoSettings } from "@/lib/auth/sso-config";
import { verifySignIn } from "@/lib/auth/verify-sign-in";

type SsoProfile = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown };
/** What the SSO provider's profile() hands on: the match decides in the signIn callback. */
type SsoUser = { id: string; email: string | null; name: string | null; match: SsoMatch };

/** The OpenID Connect provider when OIDC_* are set (issue 15), else none: password sign-in only. */
function ssoProvider(): OIDCConfig<SsoProfile> | null {
  const settings = ssoSettings();
  if (!settings) return null;
  const { issuer } = settings;
  return {
    id: SSO_PROVIDER_ID,
    name: settings.name,
    type: "oidc",
    issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    async profile(profile) {
      const match = await matchSsoUser(profile, issuer);
      return {
        id: profile.sub,
        email: typeof profile.email === "string" ? profile.email : null,
        name: typeof profile.name === "string" ? profile.name : null,
        match,
      } satisfies SsoUser;
    },
  };
}

// Configured lazily so that `next build` needs no secret or database.
export const {
  handlers,
  auth,
  signIn,
  signOut,
  unstable_update: updateSession,
} = NextAuth(() => {
  const base = baseAuthConfig();
  const sso = ssoProvider();
  return {
    ...base,
    providers: [
      Credentials({
        credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
        // Both ways in (the sign-in action and a direct POST to the callback route) come here, so
        // the throttle (lib/auth/sign-in-throttle.ts) cannot be bypassed.
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const result = await verifySignIn(parsed.data, clientAddress(request.headers));
          return result.ok ? result.user : null;
        },
      }),
      ...(sso ? [sso] : []),
    ],
    callbacks: {
      ...base.callbacks,
      // A refused single sign-on goes back to the sign-in page with the reason.
      signIn({ user, account }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        const { match } = user as unknown as SsoUser;
        return match?.ok ? true : `/sign-in?error=sso-${match?.reason ?? "unknown-user"}`;
      },
      // From here on an SSO session is the matched portal user's, exactly like a password session.
      jwt(params) {
        const jwt = base.callbacks?.jwt;
        if (!jwt) return params.token;
        if (params.account?.provider === SSO_PROVIDER_ID && params.user) {
          const { match } = params.user as unknown as SsoUser;
          if (!match?.ok) return null;
          return jwt({ ...params, user: match.user });
        }
        return jwt(params);
      },
    },
    events: {
      // Signing out revokes the session on the server too (not just the cookie in this browser).
      async signOut(message) {
        const userId = "token" in message ? message.token?.sub : undefined;
        if (userId) await revokeSessions(userId);
      },
    },
  };
});
