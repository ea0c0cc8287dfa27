import "server-only";
import { headers } from "next/headers";
import type { Session } from "next-auth";
import { getToken, type JWT } from "next-auth/jwt";
import { secureCookies } from "@/lib/auth/auth-config";
import { sessionRefusal } from "@/lib/auth/session-policy";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { getEnv } from "@/lib/env";

/**
 * The session of this request, read straight from its cookie: the same encrypted JWT next-auth's
 * `auth()` decrypts (same secret, cookie name and salt, expiry checked by the decryption), mapped
 * by the same rules as the `jwt` and `session` callbacks of auth-config.ts. Unlike `auth()` it
 * does not run next-auth's whole session endpoint per call (configuration, callbacks, a fresh
 * token encrypted and a cookie written that a page cannot set anyway): proxy.ts renews the cookie
 * (session-renewal.ts). Only the cookie counts — never an Authorization header (that carries
 * API tokens, lib/api). Null when there is no session or it may no longer be used.
 */
export async function readSession(): Promise<Session | null> {
  // The request's own Cookie header, as next-auth's auth() reads it: not cookies(), which would
  // show a cookie an action set in this same request (the /mfa action renews the session and must
  // still render its recovery codes). Reading it makes the page dynamic (nothing is prerendered at
  // build time, when there is no environment to read).
  const cookie = (await headers()).get("cookie") ?? "";
  return sessionFromCookies(cookie);
}

/** The session a Cookie header carries, by the rules above (read-session.int.test.ts compares it with next-auth's). */
export async function sessionFromCookies(cookie: string, nowMs = Date.now()): Promise<Session | null> {
  if (!cookie) return null;
  const env = getEnv();
  const token: JWT | null = await getToken<false>({
    req: { headers: { cookie } },
    secret: env.AUTH_SECRET,
    secureCookie: secureCookies(),
    decode: decodeSessionToken,
    logger: { error: () => {}, warn: () => {}, debug: () => {} },
  });
  if (!token || typeof token.sub !== "string") return null;
  // The jwt callback's check (auth-config.ts): an expired session is no session.
  const refusal = sessionRefusal(
    { authTime: token.authTime as number | undefined },
    { staff: token.staff === true },
    nowMs,
    { maxHours: env.SESSION_MAX_HOURS, staffMaxHours: env.STAFF_SESSION_MAX_HOURS },
  );
  if (refusal) return null;
  // The session callback's mapping.
  return {
    user: { id: token.sub, name: token.name, email: token.email ?? "", image: token.picture },
    expires: new Date(((token.exp as number | undefined) ?? 0) * 1000).toISOString(),
    sessionVersion: typeof token.sv === "number" ? token.sv : undefined,
    authTime: typeof token.authTime === "number" ? token.authTime : undefined,
    secondFactorVerified: token.mfa === true,
  };
}
