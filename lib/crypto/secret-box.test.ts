import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  type Keyring,
  KeyringParseError,
  needsReencryption,
  parseKeyring,
  reencryptSecret,
  SecretBoxError,
  sealedKeyId,
} from "./secret-box";

const K1 = Buffer.alloc(32, 1);
const K2 = Buffer.alloc(32, 2);
const ringK1: Keyring = { currentKeyId: "k1", keys: { k1: K1 } };
const ringK2: Keyring = parseKeyring(`k2:${K2.toString("base64")},k1:${K1.toString("base64")}`);
const PSK = "Xy7.secret_psk_value_0123456789ab";
const ROW = "tunnel:cm1abc:1";

function failure(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error;
    throw error;
  }
  throw new Error("expected a SecretBoxError");
}

/** Replaces one character of a base64url field with a different one, keeping it decodable. */
function flipField(sealed: string, field: number): string {
  const parts = sealed.split(":");
  const value = parts[field] ?? "";
  parts[field] = (value.startsWith("A") ? "B" : "A") + value.slice(1);
  return parts.join(":");
}

describe("secret box", () => {
  it("round-trips and writes a self-describing v1 string without the plaintext", () => {
    const sealed = encryptSecret(PSK, ringK1, ROW);
    expect(sealed).toMatch(/^v1:k1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(PSK);
    expect(decryptSecret(sealed, ringK1, ROW)).toBe(PSK);
    for (const plain of ["", "ünïcödé ✓", "x".repeat(10_000)]) {
      expect(decryptSecret(encryptSecret(plain, ringK1, ROW), ringK1, ROW)).toBe(plain);
    }
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret(PSK, ringK1, ROW)).not.toBe(encryptSecret(PSK, ringK1, ROW));
  });

  it("keeps rows sealed with k1 readable after rotating to k2, and re-seals them", () => {
    const old = encryptSecret(PSK, ringK1, ROW);
    expect(ringK2.currentKeyId).toBe("k2");
    expect(decryptSecret(old, ringK2, ROW)).toBe(PSK);
    expect(needsReencryption(old, ringK2)).toBe(true);
    expect(needsReencryption(old, ringK1)).toBe(false);

    const fresh = reencryptSecret(old, ringK2, ROW);
    expect(sealedKeyId(fresh)).toBe("k2");
    expect(needsReencryption(fresh, ringK2)).toBe(false);
    expect(decryptSecret(fresh, ringK2, ROW)).toBe(PSK);
    expect(reencryptSecret(fresh, ringK2, ROW)).toBe(fresh);
    expect(encryptSecret(PSK, ringK2, ROW).startsWith("v1:k2:")).toBe(true);
  });

  it("says which key is missing once it has left the keyring", () => {
    const sealed = encryptSecret(PSK, ringK1, ROW);
    const error = failure(() => decryptSecret(sealed, { currentKeyId: "k2", keys: { k2: K2 } }, ROW));
    expect(error.code).toBe("unknown-key");
    expect(error.message).toContain('"k1"');
  });

  it("rejects a sealed value moved to another row (AAD)", () => {
    const sealed = encryptSecret(PSK, ringK2, "tunnel:row-a");
    const error = failure(() => decryptSecret(sealed, ringK2, "tunnel:row-b"));
    expect(error.code).toBe("auth-failed");
    expect(error.message).not.toContain(PSK);
  });

  it("detects tampering with the IV, tag, ciphertext or key id", () => {
    const sealed = encryptSecret(PSK, ringK2, ROW);
    for (const field of [2, 3, 4]) {
      expect(failure(() => decryptSecret(flipField(sealed, field), ringK2, ROW)).code).toBe("auth-failed");
    }
    const relabelled = sealed.replace(/^v1:k2:/, "v1:k1:");
    expect(failure(() => decryptSecret(relabelled, ringK2, ROW)).code).toBe("auth-failed");
    const truncated = sealed.slice(0, -2);
    expect(failure(() => decryptSecret(truncated, ringK2, ROW)).code).toBe("auth-failed");
  });

  it("rejects strings that are not sealed secrets", () => {
    const sealed = encryptSecret(PSK, ringK1, ROW);
    const bad = [
      "",
      PSK,
      sealed.replace(/^v1:/, "v2:"),
      `${sealed}:extra`,
      sealed.replace(/:[^:]+$/, ":***"),
    ];
    for (const text of bad) {
      expect(failure(() => decryptSecret(text, ringK1, ROW)).code).toBe("malformed");
    }
    const shortIv = sealed.split(":");
    shortIv[2] = "AAAA";
    expect(failure(() => decryptSecret(shortIv.join(":"), ringK1, ROW)).code).toBe("malformed");
    expect(() => needsReencryption("garbage", ringK1)).toThrow(SecretBoxError);
  });

  it("refuses a hand-built keyring with a bad key", () => {
    const error = failure(() =>
      encryptSecret(PSK, { currentKeyId: "k1", keys: { k1: Buffer.alloc(16) } }, ROW),
    );
    expect(error.code).toBe("bad-keyring");
    expect(failure(() => encryptSecret(PSK, { currentKeyId: "k:1", keys: {} }, ROW)).code).toBe(
      "bad-keyring",
    );
  });
});

describe("parseKeyring", () => {
  const b64 = (bytes: Buffer) => bytes.toString("base64");

  it("takes the first entry as current and tolerates spaces and URL-safe base64", () => {
    const key3 = randomBytes(32);
    const ring = parseKeyring(` k3 : ${key3.toString("base64url")} , k2:${b64(K2)},k1:${b64(K1)}, `);
    expect(ring.currentKeyId).toBe("k3");
    expect(Object.keys(ring.keys)).toEqual(["k3", "k2", "k1"]);
    expect(ring.keys.k3?.equals(key3)).toBe(true);
    expect(ring.keys.k1?.equals(K1)).toBe(true);
  });

  it("names what is wrong, without echoing key material", () => {
    const secretLooking = randomBytes(16).toString("base64");
    const cases: [string, RegExp][] = [
      ["", /empty/],
      [" , ", /empty/],
      [`k1${b64(K1)}`, /entry 1 has no ":"/],
      [`k 1:${b64(K1)}`, /entry 1: key id/],
      [`:${b64(K1)}`, /entry 1: key id/],
      [`k2:${b64(K2)},k2:${b64(K1)}`, /entry 2: duplicate key id "k2"/],
      [`k1:not*base64!`, /entry 1 \("k1"\): key is not valid base64/],
      [`k1:${b64(K1).slice(0, -2)}`, /not valid base64|bytes/],
      [`k1:`, /not valid base64/],
      [`k2:${b64(K2)},k1:${secretLooking}`, /entry 2 \("k1"\): key is 16 bytes, AES-256 needs 32/],
      [`k1:${randomBytes(48).toString("base64")}`, /48 bytes/],
    ];
    for (const [text, pattern] of cases) {
      let caught: unknown;
      try {
        parseKeyring(text);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(KeyringParseError);
      const message = (caught as Error).message;
      expect(message, text).toMatch(pattern);
      expect(message).not.toContain(secretLooking);
      expect(message).not.toContain(b64(K1));
    }
  });
});
