// The API token itself: 256 random bits, recognisable by its prefix, stored only as its SHA-256.
// A fast hash is right here (unlike passwords): the input has 256 bits of entropy, so there is
// nothing to guess, and every API call must look the token up by its hash in one indexed query.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "vpnp_";
const TOKEN = /^vpnp_[A-Za-z0-9_-]{43}$/;

/** A new token (shown once to its owner, never stored). */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** What is stored and looked up: hex SHA-256 of the whole token. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string can be a token at all (anything else is refused before the database). */
export function isApiTokenShaped(value: string): boolean {
  return TOKEN.test(value);
}

/** The part shown in lists so an owner can tell tokens apart (not enough to use one). */
export function displayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}
