// Real session cookies for tests: the encrypted JWT next-auth's sign-in sets, made by next-auth's
// own `encode` (AUTH_SECRET, the cookie name as salt, the session's idle lifetime), so the portal
// reads it exactly as a browser's (read-session.ts; read-session.int.test.ts checks that next-auth's
// own session endpoint reads such cookies the same way). Run the code under test with the cookie
// in a request scope (request-scope.ts).
import { encode } from "next-auth/jwt";
import { baseAuthConfig, secureCookies } from "@/lib/auth/auth-config";
import { secondFactorProof } from "@/lib/auth/second-factor-proof";
import { sessionCookieName } from "@/lib/auth/session-renewal";
import { sessionUserOf } from "@/lib/auth/session-user-select";
import { getEnv } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";

/** The session cookie's name in this environment (next-auth's; also the key's salt). */
export const sessionCookieNameHere = () => sessionCookieName(secureCookies());

/** A Cookie header carrying these claims as the session token; maxAge in seconds (negative: expired). */
export async function sessionCookie(
  claims: Record<string, unknown>,
  maxAge = getEnv().SESSION_IDLE_MINUTES * 60,
): Promise<string> {
  const name = sessionCookieNameHere();
  const token = await encode({ token: claims, secret: getEnv().AUTH_SECRET, salt: name, maxAge });
  return `${name}=${token}`;
}

export type SignedInUser = { id: string; email: string; name: string; role: Role; sessionVersion: number };

/**
 * The cookie of `user` signed in: the claims are what the project's jwt callback (auth-config.ts)
 * writes at sign-in into next-auth's default token, then, with `secondFactorVerified`, what it
 * writes when the /mfa action updates the session with the server's proof. `signedInAt` (seconds
 * since the epoch) dates that sign-in back: a session started that long ago and still sent.
 */
export async function signedInCookie(
  user: SignedInUser,
  { signedInAt, secondFactorVerified = false }: { signedInAt?: number; secondFactorVerified?: boolean } = {},
): Promise<string> {
  const jwt = baseAuthConfig().callbacks?.jwt;
  if (!jwt) throw new Error("auth-config.ts has no jwt callback");
  const signedIn = sessionUserOf(user);
  let claims = await jwt({
    token: { name: signedIn.name, email: signedIn.email, picture: undefined, sub: signedIn.id },
    user: signedIn,
    account: null,
    trigger: "signIn",
  } as Parameters<typeof jwt>[0]);
  if (!claims) throw new Error("the jwt callback refused a new sign-in");
  if (secondFactorVerified) {
    const proof = secondFactorProof(getEnv().AUTH_SECRET, signedIn.id, claims.authTime as number);
    claims = await jwt({
      token: claims,
      user: undefined,
      account: null,
      trigger: "update",
      session: { secondFactorProof: proof },
    } as unknown as Parameters<typeof jwt>[0]);
    if (claims?.mfa !== true) throw new Error("the jwt callback did not take the second factor");
  }
  return sessionCookie(signedInAt === undefined ? claims : { ...claims, authTime: signedInAt });
}
