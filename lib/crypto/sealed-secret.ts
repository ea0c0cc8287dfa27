import "server-only";
import { decryptSecret, encryptSecret, type Keyring, parseKeyring } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";

let keyring: Keyring | undefined;

/** SECRET_KEYS, parsed once: the keys every secret stored at rest is sealed with. */
export function currentKeyring(): Keyring {
  if (keyring) return keyring;
  const text = getEnv().SECRET_KEYS;
  if (!text) {
    throw new Error(
      'SECRET_KEYS is not set: it holds the keys that encrypt tunnel PSKs, webhook and TOTP secrets at rest ("id:base64-32-bytes,…"; npm start generates one).',
    );
  }
  keyring = parseKeyring(text);
  return keyring;
}

/**
 * Seal and open for one kind of secret, bound to the row that owns it by `aad` (the additional
 * authenticated data): a sealed value copied to another row does not open. The owner's fields come
 * first, the secret (or the sealed value) last.
 */
export function sealedSecret<Owner extends unknown[]>(aad: (...owner: Owner) => string) {
  const split = (args: [...Owner, string]) => ({
    owner: args.slice(0, -1) as Owner,
    value: args[args.length - 1] as string,
  });
  return {
    aad,
    seal(...args: [...Owner, secret: string]): string {
      const { owner, value } = split(args);
      return encryptSecret(value, currentKeyring(), aad(...owner));
    },
    open(...args: [...Owner, sealed: string]): string {
      const { owner, value } = split(args);
      return decryptSecret(value, currentKeyring(), aad(...owner));
    },
  };
}
