// Hand-made RouterConfigInputs for the lab (documentation-range outside IPs only). Later these come
// from a request provisioned through the EC2 emulator; runLabScenario takes either.
import type { RouterConfigInput } from "@/lib/router-config/types";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";

const BASE: RouterConfigInput = {
  requestId: "req_lab0001",
  vpnConnectionId: "vpn-0lab00000000000001",
  customerName: "Lab Customer",
  region: "eu-central-1",
  ikeVersion: "IKEV2",
  routing: "STATIC",
  customerGatewayIp: "198.51.100.10",
  customerAsn: null,
  platformAsn: 64512,
  customerCidrs: ["172.31.250.0/24"],
  platformVpcCidr: "10.150.0.0/20",
  tunnels: [
    { number: 1, outsideIp: "192.0.2.17", insideCidr: "169.254.44.0/30", psk: "Lab.Tunnel1_psk_Ab3dEf9h" },
    { number: 2, outsideIp: "203.0.113.45", insideCidr: "169.254.45.4/30", psk: "Lab.Tunnel2_psk_Xy7zQw2e" },
  ],
  policy: TUNNEL_POLICY,
  generatedAt: new Date("2026-01-01T00:00:00.000Z"),
};

export const LAB_INPUTS = {
  ikev2Static: BASE,
  ikev1Static: { ...BASE, ikeVersion: "IKEV1" },
  ikev2Bgp: {
    ...BASE,
    routing: "BGP",
    customerAsn: 65010,
    customerCidrs: ["172.31.250.0/24", "172.31.251.0/24"],
  },
} satisfies Record<string, RouterConfigInput>;

/** A single-tunnel variant (the negative control needs only one tunnel). */
export function singleTunnel(input: RouterConfigInput): RouterConfigInput {
  return { ...input, tunnels: input.tunnels.slice(0, 1) };
}
