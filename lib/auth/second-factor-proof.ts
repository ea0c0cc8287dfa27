// How a session learns that its second factor was verified (issue 15). The /mfa action verifies the
// code on the server, then updates the session through next-auth with this proof; the jwt callback
// sets `mfa` only when the proof matches. A client can ask next-auth to update its session with any
// data (POST /api/auth/session), so the data itself is never trusted: the proof is an HMAC, under
// the session secret, of the user and the sign-in time, so it is good for this sign-in only. Pure.
import { createHmac, timingSafeEqual } from "node:crypto";

export function secondFactorProof(secret: string, userId: string, authTime: number): string {
  return createHmac("sha256", secret).update(`second-factor:${userId}:${authTime}`).digest("base64url");
}

export function isSecondFactorProof(
  secret: string,
  userId: string,
  authTime: number,
  proof: unknown,
): boolean {
  if (typeof proof !== "string") return false;
  const expected = Buffer.from(secondFactorProof(secret, userId, authTime));
  const given = Buffer.from(proof);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
