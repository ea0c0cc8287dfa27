import "server-only";
import { decryptSecret, encryptSecret, type Keyring, parseKeyring } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

let keyring: Keyring | undefined;

function currentKeyring(): Keyring {
  if (keyring) return keyring;
  const text = getEnv().SECRET_KEYS;
  if (!text)
    throw new Error(
      "SECRET_KEYS is not set: it holds the keys that encrypt webhook secrets at rest (npm start generates one).",
    );
  keyring = parseKeyring(text);
  return keyring;
}

// Bound to its organization, so a sealed secret copied to another row does not open.
export const webhookSecretAad = (organizationId: string) => `org-webhook-secret:${organizationId}`;
const aadFor = webhookSecretAad;

export function sealWebhookSecret(organizationId: string, secret: string): string {
  return encryptSecret(secret, currentKeyring(), aadFor(organizationId));
}

export function openWebhookSecret(organizationId: string, sealed: string): string {
  return decryptSecret(sealed, currentKeyring(), aadFor(organizationId));
}
