import "server-only";
import { decryptSecret, encryptSecret, type Keyring, parseKeyring } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

let keyring: Keyring | undefined;

function currentKeyring(): Keyring {
  if (keyring) return keyring;
  const text = getEnv().SECRET_KEYS;
  if (!text) {
    throw new Error(
      'SECRET_KEYS is not set: it holds the keys that encrypt tunnel PSKs at rest ("id:base64-32-bytes,…"; npm start generates one).',
    );
  }
  keyring = parseKeyring(text);
  return keyring;
}

// A sealed PSK is bound to its tunnel, so a value copied to another row does not decrypt.
export const tunnelPskAad = (requestId: string, tunnelNumber: number) =>
  `tunnel-psk:${requestId}:${tunnelNumber}`;
const aadFor = tunnelPskAad;

export function sealTunnelPsk(requestId: string, tunnelNumber: number, psk: string): string {
  return encryptSecret(psk, currentKeyring(), aadFor(requestId, tunnelNumber));
}

export function openTunnelPsk(requestId: string, tunnelNumber: number, sealed: string): string {
  return decryptSecret(sealed, currentKeyring(), aadFor(requestId, tunnelNumber));
}
