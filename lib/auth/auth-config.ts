// The part of the next-auth configuration that needs no database, shared by lib/auth/auth.ts
// (sign-in, sessions) and proxy.ts (which renews the session cookie as the user works, at most
// once a minute — lib/auth/session-renewal.ts — so the cookie's expiry is the idle timeout).
import type { NextAuthConfig } from "next-auth";
import { isSecondFactorProof } from "@/lib/auth/second-factor-proof";
import { sessionRefusal } from "@/lib/auth/session-policy";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";
import { getEnv } from "@/lib/env";

declare module "next-auth" {
  interface Session {
    /** User.sessionVersion when this session was issued (sign-out bumps the user's). */
    sessionVersion?: number;
    /** Sign-in time, seconds since the epoch. */
    authTime?: number;
    /** The second factor was verified in this session (issue 15); staff need it, customers do not. */
    secondFactorVerified?: boolean;
  }
}

/** What authorize() hands to the jwt callback at sign-in. */
export type SessionUser = { id: string; email: string; name: string; staff: boolean; sessionVersion: number };

export function secureCookies(): boolean {
  const env = getEnv();
  if (env.AUTH_SECURE_COOKIES !== undefined)
    return env.AUTH_SECURE_COOKIES === "true" || env.AUTH_SECURE_COOKIES === "1";
  return env.NODE_ENV === "production";
}

export function baseAuthConfig(): NextAuthConfig {
  const env = getEnv();
  return {
    secret: env.AUTH_SECRET,
    trustHost: true,
    useSecureCookies: secureCookies(),
    // Renewed as the user works (proxy.ts), so this is the idle timeout; the absolute lifetime is
    // checked from the sign-in time below and again, with the current role, in getViewer().
    session: { strategy: "jwt", maxAge: env.SESSION_IDLE_MINUTES * 60, updateAge: 0 },
    // next-auth's token format, its derived key kept per process (session-token.ts).
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    // Refused single sign-ons come back to the sign-in page, which explains the `error` code.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [],
    callbacks: {
      jwt({ token, user, trigger, session }) {
        if (user?.id) {
          const signedIn = user as SessionUser;
          token.sub = signedIn.id;
          token.sv = signedIn.sessionVersion;
          token.staff = signedIn.staff;
          token.authTime = Math.floor(Date.now() / 1000);
          // Every new session starts without it; getViewer asks it of staff by their current role.
          token.mfa = false;
        }
        // The /mfa action proves a verified code; anything else a client sends is ignored.
        if (
          trigger === "update" &&
          typeof token.sub === "string" &&
          typeof token.authTime === "number" &&
          isSecondFactorProof(env.AUTH_SECRET, token.sub, token.authTime, session?.secondFactorProof)
        )
          token.mfa = true;
        const refusal = sessionRefusal(
          { authTime: token.authTime as number | undefined },
          { staff: token.staff === true },
          Date.now(),
          { maxHours: env.SESSION_MAX_HOURS, staffMaxHours: env.STAFF_SESSION_MAX_HOURS },
        );
        // null ends the session: next-auth clears the cookie.
        return refusal ? null : token;
      },
      // The default session exposes no user id; getViewer() re-reads the user by it.
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        session.sessionVersion = typeof token.sv === "number" ? token.sv : undefined;
        session.authTime = typeof token.authTime === "number" ? token.authTime : undefined;
        session.secondFactorVerified = token.mfa === true;
        return session;
      },
    },
    logger: {
      // A wrong password is an expected outcome, not a server error.
      error(error) {
        // `type` is a string literal on next-auth's errors, so minified class names do not matter.
        if ((error as { type?: string }).type === "CredentialsSignin" || error.name === "CredentialsSignin")
          return;
        console.error(error);
      },
    },
  };
}
