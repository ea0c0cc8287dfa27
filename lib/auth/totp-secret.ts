import "server-only";
import { decryptSecret, encryptSecret, type Keyring, parseKeyring } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

let keyring: Keyring | undefined;

function currentKeyring(): Keyring {
  if (keyring) return keyring;
  const text = getEnv().SECRET_KEYS;
  if (!text)
    throw new Error(
      "SECRET_KEYS is not set: it holds the keys that encrypt TOTP secrets at rest (npm start generates one).",
    );
  keyring = parseKeyring(text);
  return keyring;
}

// Bound to its user, so a sealed secret copied to another user's row does not open.
export const totpSecretAad = (userId: string) => `user-totp-secret:${userId}`;

export function sealTotpSecret(userId: string, secret: string): string {
  return encryptSecret(secret, currentKeyring(), totpSecretAad(userId));
}

export function openTotpSecret(userId: string, sealed: string): string {
  return decryptSecret(sealed, currentKeyring(), totpSecretAad(userId));
}
