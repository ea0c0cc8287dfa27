import type { TunnelPolicy } from "@/lib/vpn/tunnel-policy";

export type IkeVersion = "IKEV1" | "IKEV2";
export type RoutingType = "STATIC" | "BGP";

/** One AWS tunnel as stored after provisioning. Inside CIDR is a /30: AWS side .1, customer side .2. */
export type TunnelParams = {
  number: 1 | 2;
  outsideIp: string; // AWS-side public (outside) IP
  insideCidr: string; // e.g. "169.254.44.0/30"
  psk: string; // decrypted pre-shared key (only ever in memory)
};

/** Everything a router configuration is rendered from (DESIGN §7: from stored parameters, never a blob). */
export type RouterConfigInput = {
  requestId: string;
  vpnConnectionId: string;
  customerName: string;
  region: string;
  ikeVersion: IkeVersion;
  routing: RoutingType;
  customerGatewayIp: string;
  customerAsn: number | null; // BGP only
  platformAsn: number; // virtual private gateway (Amazon-side) ASN
  customerCidrs: string[]; // static: subnet ranges; BGP: networks to be advertised (may be empty)
  platformVpcCidr: string;
  tunnels: TunnelParams[]; // 1 or 2, ordered by number
  policy: TunnelPolicy;
  generatedAt: Date;
};
