import "server-only";
import { sealedSecret } from "@/lib/crypto/sealed-secret";

// Bound to its user, so a sealed secret copied to another user's row does not open.
const totpSecret = sealedSecret((userId: string) => `user-totp-secret:${userId}`);

export const totpSecretAad = totpSecret.aad;
/** (userId, secret) → the sealed value. */
export const sealTotpSecret = totpSecret.seal;
/** (userId, sealed) → the secret. */
export const openTotpSecret = totpSecret.open;
