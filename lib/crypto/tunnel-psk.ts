import "server-only";
import { sealedSecret } from "@/lib/crypto/sealed-secret";

// A sealed PSK is bound to its tunnel, so a value copied to another row does not decrypt.
const tunnelPsk = sealedSecret(
  (requestId: string, tunnelNumber: number) => `tunnel-psk:${requestId}:${tunnelNumber}`,
);

export const tunnelPskAad = tunnelPsk.aad;
/** (requestId, tunnelNumber, psk) → the sealed value. */
export const sealTunnelPsk = tunnelPsk.seal;
/** (requestId, tunnelNumber, sealed) → the PSK. */
export const openTunnelPsk = tunnelPsk.open;
