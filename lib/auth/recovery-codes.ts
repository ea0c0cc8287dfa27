// Recovery codes for the staff second factor (issue 15): ten random codes shown once at enrolment,
// stored as SHA-256 (they are 50 random bits, so a slow hash adds nothing), each usable once. Pure.
import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// Crockford-style alphabet without look-alikes (0/O, 1/I/L).
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** e.g. "7KQ2M-XR9TD": two groups of five, 50 bits of randomness. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

export function looksLikeRecoveryCode(code: string): boolean {
  return normalizeRecoveryCode(code).length === 10;
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256")
    .update(`recovery:${normalizeRecoveryCode(code)}`)
    .digest("hex");
}
