// The tunnel options the portal always sends for BOTH tunnels (DESIGN §5): a single spec would
// leave tunnel 2 on AWS's weak defaults. Renderers and the provisioner read this one object.

export type TunnelPolicy = {
  phase1: {
    encryption: readonly string[];
    integrity: readonly string[];
    dhGroups: readonly number[];
    lifetimeSeconds: number;
  };
  phase2: {
    encryption: readonly string[];
    integrity: readonly string[];
    dhGroups: readonly number[];
    lifetimeSeconds: number;
  };
  dpdTimeoutSeconds: number;
  dpdTimeoutAction: "restart" | "clear" | "none";
  mtu: number;
  mss: number;
};

/** AWS API spellings: Phase1EncryptionAlgorithms "AES256", integrity "SHA2-256", DH group numbers. */
export const TUNNEL_POLICY: TunnelPolicy = {
  phase1: { encryption: ["AES256"], integrity: ["SHA2-256"], dhGroups: [14], lifetimeSeconds: 28800 },
  phase2: { encryption: ["AES256"], integrity: ["SHA2-256"], dhGroups: [14], lifetimeSeconds: 3600 },
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: "restart",
  mtu: 1399,
  mss: 1359,
};

/** Platform-side (Amazon) ASN of the virtual private gateway unless configured otherwise. */
export const DEFAULT_PLATFORM_ASN = 64512;
/** Customer gateway ASN used for static routing (AWS requires one; it is never spoken). */
export const STATIC_CUSTOMER_GATEWAY_ASN = 65000;

/** The DPD timeout actions a customer may choose on a live VPN (AWS's values; the policy's is the default). */
export const DPD_TIMEOUT_ACTIONS = ["restart", "clear", "none"] as const;
export type DpdTimeoutAction = (typeof DPD_TIMEOUT_ACTIONS)[number];

/** AWS starts the IKE negotiation itself (`start`) only with IKEv2; with IKEv1 the customer does (`add`). */
export function startupActionFor(ikeVersion: "IKEV1" | "IKEV2"): "start" | "add" {
  return ikeVersion === "IKEV2" ? "start" : "add";
}
