import "server-only";
import { sealedSecret } from "@/lib/crypto/sealed-secret";

// Bound to its organization, so a sealed secret copied to another row does not open.
const webhookSecret = sealedSecret((organizationId: string) => `org-webhook-secret:${organizationId}`);

export const webhookSecretAad = webhookSecret.aad;
/** (organizationId, secret) → the sealed value. */
export const sealWebhookSecret = webhookSecret.seal;
/** (organizationId, sealed) → the secret. */
export const openWebhookSecret = webhookSecret.open;
