// The one input the router-configuration tests start from (the golden files are rendered from it and
// its variants): documentation-range addresses, fixed keys and a fixed generation time.
import { describe, expect, it } from "vitest";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";
import type { RouterConfigInput, TunnelParams } from "./types";

export const TEST_TUNNEL_1: TunnelParams = {
  number: 1,
  outsideIp: "203.0.113.10",
  insideCidr: "169.254.44.0/30",
  psk: "Tunnel1.Secret_abcdefGHIJ",
};

export const TEST_TUNNEL_2: TunnelParams = {
  number: 2,
  outsideIp: "203.0.113.20",
  insideCidr: "169.254.45.4/30",
  psk: "Tunnel2.Secret_klmnopQRST",
};

/** IKEv2, static routing, two tunnels, with `overrides` on top. */
export function testInput(overrides: Partial<RouterConfigInput> = {}): RouterConfigInput {
  return {
    requestId: "req_01HZX5Q4",
    vpnConnectionId: "vpn-0a1b2c3d4e5f60718",
    customerName: "Acme Manufacturing GmbH",
    region: "eu-west-1",
    ikeVersion: "IKEV2",
    routing: "STATIC",
    customerGatewayIp: "198.51.100.7",
    customerAsn: null,
    platformAsn: 64512,
    customerCidrs: ["192.168.10.0/24", "10.20.0.0/16"],
    platformVpcCidr: "10.150.0.0/20",
    tunnels: [TEST_TUNNEL_1, TEST_TUNNEL_2],
    policy: TUNNEL_POLICY,
    generatedAt: new Date("2025-03-04T05:06:07.000Z"),
    ...overrides,
  };
}

/** A second connection: IKEv1 and BGP (AS 65010) advertising two networks, with `overrides` on top. */
export function testBgpInput(overrides: Partial<RouterConfigInput> = {}): RouterConfigInput {
  return testInput({
    requestId: "req_01HZX5Q5",
    vpnConnectionId: "vpn-0fedcba9876543210",
    ikeVersion: "IKEV1",
    routing: "BGP",
    customerAsn: 65010,
    customerCidrs: ["192.168.10.0/24", "172.16.0.0/12"],
    ...overrides,
  });
}

/** One test per case: what `render` writes must equal the golden file `file(case)` in __golden__/. */
export function describeGoldenFiles(
  title: string,
  cases: Record<string, RouterConfigInput>,
  render: (input: RouterConfigInput) => string,
  file: (name: string) => string,
): void {
  describe(title, () => {
    for (const [name, input] of Object.entries(cases)) {
      it(name, async () => {
        await expect(render(input)).toMatchFileSnapshot(`./__golden__/${file(name)}`);
      });
    }
  });
}
