// Encryption of secrets at rest (tunnel PSKs) with AES-256-GCM and key rotation. The sealed string
// names its key, so rows sealed before a rotation stay readable until a job re-seals them. Callers
// pass an `aad` context (e.g. the tunnel row id) that GCM authenticates, so a sealed value copied to
// another row fails to open. No function here logs, and no error message carries plaintext or keys.

import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export type Keyring = { currentKeyId: string; keys: Record<string, Buffer> };

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
/** 96-bit random IVs, GCM's native size; random IVs are safe far beyond the number of rows we seal. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Key ids appear in the sealed string and the env value, so they may not contain ":" or ",". */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export type SecretBoxErrorCode = "malformed" | "unknown-key" | "auth-failed" | "bad-keyring";

export class SecretBoxError extends Error {
  override readonly name = "SecretBoxError";
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class KeyringParseError extends Error {
  override readonly name = "KeyringParseError";
}

/** Seals `plain` under the current key; `aad` binds it to its context (the row it belongs to). */
export function encryptSecret(plain: string, keyring: Keyring, aad: string): string {
  const keyId = keyring.currentKeyId;
  if (!KEY_ID.test(keyId)) {
    throw new SecretBoxError("bad-keyring", 'current key id must be 1–32 letters, digits, "_" or "-"');
  }
  const key = keyFor(keyring, keyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(keyId, aad));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, keyId, b64url(iv), b64url(tag), b64url(ciphertext)].join(":");
}

/** Opens a sealed string with whichever key sealed it; throws SecretBoxError if anything is off. */
export function decryptSecret(sealed: string, keyring: Keyring, aad: string): string {
  const parts = parseSealed(sealed);
  const key = keyFor(keyring, parts.keyId);
  const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(parts.keyId, aad));
  decipher.setAuthTag(parts.tag);
  try {
    return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    // GCM does not say why; a wrong key, tampering or a different context all look alike.
    throw new SecretBoxError(
      "auth-failed",
      `sealed secret (key ${parts.keyId}) failed authentication: tampered, or sealed for another context`,
    );
  }
}

/** True when `sealed` was made with a key other than the current one (a rotation job re-seals it). */
export function needsReencryption(sealed: string, keyring: Keyring): boolean {
  return parseSealed(sealed).keyId !== keyring.currentKeyId;
}

/** Decrypts with the old key and seals under the current one; unchanged when already current. */
export function reencryptSecret(sealed: string, keyring: Keyring, aad: string): string {
  if (!needsReencryption(sealed, keyring)) return sealed;
  return encryptSecret(decryptSecret(sealed, keyring, aad), keyring, aad);
}

/** The key id a sealed string names, without decrypting it (for rotation reports). */
export function sealedKeyId(sealed: string): string {
  return parseSealed(sealed).keyId;
}

/**
 * Parses an env-style keyring: `k2:<base64 32 bytes>,k1:<base64 32 bytes>`; the first is current.
 * Errors name the entry (position and id) and what is wrong, never the key material.
 */
export function parseKeyring(text: string): Keyring {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) {
    throw new KeyringParseError("keyring is empty: expected `<id>:<base64 of 32 bytes>[,<id>:<base64>…]`");
  }
  const keys: Record<string, Buffer> = {};
  let currentKeyId = "";
  entries.forEach((entry, index) => {
    const where = `keyring entry ${index + 1}`;
    const colon = entry.indexOf(":");
    if (colon < 0) throw new KeyringParseError(`${where} has no ":": expected <id>:<base64 of 32 bytes>`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      throw new KeyringParseError(`${where}: key id must be 1–32 letters, digits, "_" or "-"`);
    }
    if (Object.hasOwn(keys, id)) throw new KeyringParseError(`${where}: duplicate key id "${id}"`);
    const key = decodeBase64(encoded);
    if (!key) {
      throw new KeyringParseError(
        `${where} ("${id}"): key is not valid base64 (standard or URL-safe alphabet)`,
      );
    }
    if (key.length !== KEY_BYTES) {
      throw new KeyringParseError(
        `${where} ("${id}"): key is ${key.length} bytes, AES-256 needs ${KEY_BYTES} (e.g. \`openssl rand -base64 32\`)`,
      );
    }
    keys[id] = key;
    if (index === 0) currentKeyId = id;
  });
  return { currentKeyId, keys };
}

type SealedParts = { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer };

function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split(":");
  const [version, keyId = "", iv = "", tag = "", ciphertext = ""] = parts;
  if (parts.length !== 5 || version !== VERSION) {
    throw new SecretBoxError(
      "malformed",
      `sealed secret is not in the ${VERSION}:<keyId>:<iv>:<tag>:<ciphertext> form`,
    );
  }
  if (!KEY_ID.test(keyId) || ![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) {
    throw new SecretBoxError(
      "malformed",
      "sealed secret has an invalid key id or a field that is not base64url",
    );
  }
  const parsed = {
    keyId,
    iv: Buffer.from(iv, "base64url"),
    tag: Buffer.from(tag, "base64url"),
    ciphertext: Buffer.from(ciphertext, "base64url"),
  };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) {
    throw new SecretBoxError("malformed", `sealed secret (key ${keyId}) has a wrong-sized IV or tag`);
  }
  return parsed;
}

function keyFor(keyring: Keyring, keyId: string): Buffer {
  const key = Object.hasOwn(keyring.keys, keyId) ? keyring.keys[keyId] : undefined;
  if (!key) {
    throw new SecretBoxError(
      "unknown-key",
      `no key "${keyId}" in the keyring (has: ${Object.keys(keyring.keys).join(", ") || "none"}); was it removed before re-encryption finished?`,
    );
  }
  if (key.length !== KEY_BYTES) {
    throw new SecretBoxError(
      "bad-keyring",
      `key "${keyId}" is ${key.length} bytes; AES-256 needs ${KEY_BYTES}`,
    );
  }
  return key;
}

/** The header is authenticated too, so a future format can never be confused with this one. */
function additionalData(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}:${keyId}\n${aad}`, "utf8");
}

function b64url(bytes: Buffer): string {
  return bytes.toString("base64url");
}

/** Strict decode: Buffer.from(…, "base64") silently skips bad characters, which would hide typos. */
function decodeBase64(text: string): Buffer | null {
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 === 0) return Buffer.from(text, "base64");
  // Unpadded base64url; a length of 1 mod 4 cannot come from any byte string.
  if (/^[A-Za-z0-9_-]+$/.test(text) && text.length % 4 !== 1) return Buffer.from(text, "base64url");
  return null;
}
