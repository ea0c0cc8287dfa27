// Golden and property tests for the FRR (bgpd) renderer.
// Follows: FRR user guide, "BGP" (router bgp, bgp router-id, neighbor X remote-as, neighbor X timers
// <keepalive> <holdtime>, address-family ipv4 unicast, network, neighbor X route-map, bgp
// ebgp-requires-policy) and "Filtering" (ip prefix-list, route-map match ip address prefix-list);
// AWS Site-to-Site VPN generic customer gateway configuration (BGP section). lab/ proves the output
// on real FRR 8.4.
import { describe, expect, it } from "vitest";
import { renderFrr } from "./render-frr";
import { describeGoldenFiles, TEST_TUNNEL_1, TEST_TUNNEL_2, testBgpInput } from "./test-fixtures";
import type { RouterConfigInput } from "./types";

const TUNNELS = [TEST_TUNNEL_1, { ...TEST_TUNNEL_2, outsideIp: "192.0.2.20" }];

const BGP_IKEV1 = testBgpInput({ tunnels: TUNNELS });
const BGP_IKEV2_ONE: RouterConfigInput = {
  ...BGP_IKEV1,
  ikeVersion: "IKEV2",
  customerAsn: 4200000010,
  customerCidrs: [],
  tunnels: [TEST_TUNNEL_1],
};
const STATIC_IKEV2: RouterConfigInput = {
  ...BGP_IKEV1,
  ikeVersion: "IKEV2",
  routing: "STATIC",
  customerAsn: null,
};

const CASES = {
  "bgp-ikev1-2tunnels": BGP_IKEV1,
  "bgp-ikev2-1tunnel": BGP_IKEV2_ONE,
  "static-ikev2-2tunnels": STATIC_IKEV2,
};

describeGoldenFiles("renderFrr golden files", CASES, renderFrr, (name) => `frr-${name}.conf`);

describe("renderFrr", () => {
  it("peers with the AWS inside address (.1) of every tunnel, timers 10 30", () => {
    const text = renderFrr(BGP_IKEV1);
    expect(text).toContain("router bgp 65010");
    expect(text).toContain("bgp router-id 169.254.44.2");
    // Tunnel 2's route maps carry the tunnel preference (see the next test): "-BACKUP".
    for (const [aws, suffix] of [
      ["169.254.44.1", ""],
      ["169.254.45.5", "-BACKUP"],
    ]) {
      expect(text).toContain(` neighbor ${aws} remote-as 64512`);
      expect(text).toContain(` neighbor ${aws} timers 10 30`);
      expect(text).toContain(`  neighbor ${aws} activate`);
      expect(text).toContain(`  neighbor ${aws} route-map FROM-PLATFORM${suffix} in`);
      expect(text).toContain(`  neighbor ${aws} route-map TO-PLATFORM${suffix} out`);
    }
  });

  it("prefers tunnel 1 both ways: local-preference 200/100 in, AS prepended twice towards tunnel 2", () => {
    const text = renderFrr(BGP_IKEV1);
    expect(text).toMatch(
      /route-map FROM-PLATFORM permit 10\n match ip address prefix-list PLATFORM-VPC-IN\n set local-preference 200/,
    );
    expect(text).toMatch(
      /route-map FROM-PLATFORM-BACKUP permit 10\n match ip address prefix-list PLATFORM-VPC-IN\n set local-preference 100/,
    );
    expect(text).toMatch(
      /route-map TO-PLATFORM-BACKUP permit 10\n match ip address prefix-list CUSTOMER-NETWORKS-OUT\n set as-path prepend 65010 65010/,
    );
    expect(text).not.toMatch(/route-map TO-PLATFORM permit 10\n[^\n]*\n set as-path/);
  });

  it("advertises exactly the declared networks and accepts only the platform VPC", () => {
    const text = renderFrr(BGP_IKEV1);
    expect(text).toContain("  network 192.168.10.0/24");
    expect(text).toContain("  network 172.16.0.0/12");
    expect(text).toContain("ip prefix-list CUSTOMER-NETWORKS-OUT seq 5 permit 192.168.10.0/24");
    expect(text).toContain("ip prefix-list CUSTOMER-NETWORKS-OUT seq 10 permit 172.16.0.0/12");
    expect(text).toContain("ip prefix-list PLATFORM-VPC-IN seq 5 permit 10.150.0.0/20 le 32");
  });

  it("handles a single tunnel and no declared networks", () => {
    const text = renderFrr(BGP_IKEV2_ONE);
    expect(text).toContain("router bgp 4200000010");
    expect(text).not.toContain("169.254.45.5");
    expect(text).not.toMatch(/^ {2}network /m);
    expect(text).toContain("ip prefix-list CUSTOMER-NETWORKS-OUT seq 5 deny any");
  });

  it("renders a comment-only file for static routing", () => {
    const text = renderFrr(STATIC_IKEV2);
    expect(text).toContain("no BGP is needed");
    for (const line of text.trimEnd().split("\n")) expect(line.startsWith("!")).toBe(true);
  });

  it("never contains the pre-shared keys", () => {
    for (const input of Object.values(CASES)) {
      for (const t of TUNNELS) expect(renderFrr(input)).not.toContain(t.psk);
    }
  });
});
