// The session cookie's token: next-auth's own format (an encrypted JWT, "dir" + A256CBC-HS512,
// the key derived from AUTH_SECRET and the cookie name by HKDF, its thumbprint as `kid`), with the
// derived key kept instead of derived again for every encryption and decryption (two thirds of
// their cost), and a token already opened in this process not decrypted again: proxy.ts reads the
// cookie to see whether it is due for renewal, read-session.ts to know who asks (decision 027).
// session-token.test.ts checks tokens pass both ways between this and next-auth's encode/decode.
import { base64url, calculateJwkThumbprint, EncryptJWT, jwtDecrypt } from "jose";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const ALG = "dir";
const ENC = "A256CBC-HS512";
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60; // next-auth's
const KEY_LENGTH: Record<string, number> = { "A256CBC-HS512": 64, A256GCM: 32 };

type DerivedKey = { key: Uint8Array; kid: string };
const derived = new Map<string, Promise<DerivedKey>>();

async function deriveKey(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const length = KEY_LENGTH[enc];
  if (!length) throw new Error("Unsupported JWT Content Encryption Algorithm");
  const text = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", text.encode(secret), "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: text.encode(salt),
      info: text.encode(`Auth.js Generated Encryption Key (${salt})`),
    },
    material,
    length * 8,
  );
  const key = new Uint8Array(bits);
  const kid = await calculateJwkThumbprint(
    { kty: "oct", k: base64url.encode(key) },
    length === 64 ? "sha512" : "sha256",
  );
  return { key, kid };
}

/** The key of (enc, secret, salt), derived once per process; a handful of entries at most. */
function keyFor(enc: string, secret: string, salt: string): Promise<DerivedKey> {
  const id = JSON.stringify([enc, secret, salt]);
  let key = derived.get(id);
  if (!key) {
    if (derived.size >= 16) derived.clear();
    key = deriveKey(enc, secret, salt);
    derived.set(id, key);
    key.catch(() => derived.delete(id));
  }
  return key;
}

const secretsOf = (secret: string | string[]) => (Array.isArray(secret) ? secret : [secret]);

export async function encodeSessionToken(params: JWTEncodeParams): Promise<string> {
  const { token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt } = params;
  const [current = ""] = secretsOf(secret);
  const { key, kid } = await keyFor(ENC, current, salt);
  return new EncryptJWT(token)
    .setProtectedHeader({ alg: ALG, enc: ENC, kid })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + maxAge)
    .setJti(crypto.randomUUID())
    .encrypt(key);
}

/**
 * Tokens already opened in this process: a JWE string always opens to the same payload under the
 * same secrets, so the second read of a cookie (read-session.ts after proxy.ts, and every next poll
 * of the same dashboard) skips the decryption and checks only the expiry. Bounded; oldest first out.
 */
const OPENED_MAX = 5_000;
const CLOCK_TOLERANCE_SECONDS = 15;
const opened = new Map<string, JWT>();

function rememberOpened(id: string, payload: JWT) {
  if (opened.size >= OPENED_MAX) {
    const oldest = opened.keys().next().value;
    if (oldest !== undefined) opened.delete(oldest);
  }
  opened.set(id, payload);
}

/** The token's payload; throws (as next-auth's does) when no secret opens it or it expired. */
export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const { token, secret, salt } = params;
  if (!token) return null;
  const secrets = secretsOf(secret);
  const id = JSON.stringify([salt, secrets, token]);
  const known = opened.get(id);
  if (known) {
    const exp = typeof known.exp === "number" ? known.exp : 0;
    if (exp + CLOCK_TOLERANCE_SECONDS > Math.floor(Date.now() / 1000)) return { ...known };
    opened.delete(id);
    throw new Error("the session token has expired");
  }
  const { payload } = await jwtDecrypt(
    token,
    async ({ kid, enc }) => {
      for (const candidate of secrets) {
        const key = await keyFor(enc, candidate, salt);
        // A token without `kid` is tried with the current secret only, as next-auth does.
        if (kid === undefined || kid === key.kid) return key.key;
      }
      throw new Error("no matching decryption secret");
    },
    {
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      keyManagementAlgorithms: [ALG],
      contentEncryptionAlgorithms: [ENC, "A256GCM"],
    },
  );
  rememberOpened(id, payload as JWT);
  return { ...(payload as JWT) };
}
