// Golden and property tests for the strongSwan renderer.
// Follows: strongSwan swanctl.conf(5) (5.9.x) — connections.<conn>.version/aggressive/mobike/
// proposals/rekey_time/dpd_delay/dpd_timeout, children.<child>.local_ts/remote_ts/if_id_in/if_id_out/
// esp_proposals/dpd_action/start_action/close_action, secrets.ike<suffix>.id<suffix>/secret — and the
// AWS Site-to-Site VPN generic customer gateway configuration. lab/ proves the output on real
// strongSwan 5.9.8.
import { describe, expect, it } from "vitest";
import { renderStrongswan, strongswanConnectionName } from "./render-strongswan";
import { describeGoldenFiles, TEST_TUNNEL_1, TEST_TUNNEL_2, testInput } from "./test-fixtures";
import type { RouterConfigInput } from "./types";

const TUNNELS = [TEST_TUNNEL_1, { ...TEST_TUNNEL_2, outsideIp: "192.0.2.20" }];

const STATIC_IKEV2 = testInput({ tunnels: TUNNELS });
const BGP_IKEV1: RouterConfigInput = {
  ...STATIC_IKEV2,
  ikeVersion: "IKEV1",
  routing: "BGP",
  customerAsn: 65010,
};
const BGP_IKEV2_ONE: RouterConfigInput = {
  ...BGP_IKEV1,
  ikeVersion: "IKEV2",
  customerAsn: 4200000010,
  tunnels: [TEST_TUNNEL_1],
};

const CASES = {
  "static-ikev2-2tunnels": STATIC_IKEV2,
  "static-ikev1-2tunnels": { ...STATIC_IKEV2, ikeVersion: "IKEV1" },
  "static-ikev2-1tunnel": { ...STATIC_IKEV2, tunnels: BGP_IKEV2_ONE.tunnels },
  "bgp-ikev1-2tunnels": BGP_IKEV1,
  "bgp-ikev2-1tunnel": BGP_IKEV2_ONE,
} satisfies Record<string, RouterConfigInput>;

/** Section bodies by name, e.g. block(text, "aws-tunnel-1") → the connection (first occurrence). */
function block(text: string, name: string): string {
  const start = text.indexOf(`  ${name} {`);
  expect(start).toBeGreaterThanOrEqual(0);
  let depth = 0;
  for (let i = text.indexOf("{", start); i < text.length; i++) {
    if (text[i] === "{") depth++;
    if (text[i] === "}" && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error("unbalanced");
}

describeGoldenFiles(
  "renderStrongswan golden files",
  CASES,
  renderStrongswan,
  (name) => `strongswan-${name}.conf`,
);

describe("renderStrongswan", () => {
  it("renders one route-based connection per tunnel with its own XFRM interface ID", () => {
    const text = renderStrongswan(STATIC_IKEV2);
    for (const t of TUNNELS) {
      const conn = block(text, strongswanConnectionName(t.number));
      expect(conn).toContain(`remote_addrs = ${t.outsideIp}`);
      // %any (no local_addrs) so a gateway behind NAT works; the public IP stays the local id.
      expect(conn).not.toMatch(/^\s*local_addrs/m);
      expect(conn).toContain("id = 198.51.100.7");
      expect(conn).toContain(`id = ${t.outsideIp}`);
      expect(conn).toContain("local_ts = 0.0.0.0/0");
      expect(conn).toContain("remote_ts = 0.0.0.0/0");
      expect(conn).toContain(`if_id_in = ${t.number}`);
      expect(conn).toContain(`if_id_out = ${t.number}`);
      expect(conn).toContain("proposals = aes256-sha256-modp2048");
      expect(conn).toContain("esp_proposals = aes256-sha256-modp2048");
      expect(conn).toContain("rekey_time = 28800s");
      expect(conn).toContain("rekey_time = 3600s");
      expect(conn).toContain("dpd_action = restart");
    }
  });

  it("IKEv2: version 2, customer starts and restarts the tunnels, keep-alive advice for static", () => {
    const text = renderStrongswan(STATIC_IKEV2);
    expect(text.match(/^ {4}version = 2$/gm)).toHaveLength(2);
    expect(text.match(/start_action = start/g)).toHaveLength(2);
    expect(text.match(/close_action = start/g)).toHaveLength(2);
    expect(text).not.toContain("dpd_timeout =");
    expect(text).toContain("KEEP-ALIVE");
    expect(text).toContain("10.150.0.4");
    expect(renderStrongswan(BGP_IKEV2_ONE)).not.toContain("KEEP-ALIVE");
  });

  it("IKEv1: version 1 main mode, DPD timeout 30 s; this side restarts after a close (AWS never initiates IKEv1)", () => {
    const text = renderStrongswan(BGP_IKEV1);
    expect(text.match(/^ {4}version = 1$/gm)).toHaveLength(2);
    expect(text).toContain("aggressive = no");
    expect(text).toContain("dpd_timeout = 30s");
    expect(text.match(/start_action = start/g)).toHaveLength(2);
    expect(text.match(/close_action = start/g)).toHaveLength(2);
    expect(text).not.toContain("close_action = none");
    expect(text).not.toContain("KEEP-ALIVE");
  });

  it("IKEv1: proposes exactly the AWS lifetimes (rekey + over time = 28800 s, CHILD life 3600 s)", () => {
    const text = renderStrongswan(BGP_IKEV1);
    expect(text.match(/rekey_time = 25920s/g)).toHaveLength(2);
    expect(text.match(/over_time = 2880s/g)).toHaveLength(2);
    expect(text.match(/life_time = 3600s/g)).toHaveLength(2);
    expect(text).not.toMatch(/31680|3960/);
  });

  it("holds one secret per tunnel, matched by both IDs", () => {
    const text = renderStrongswan(STATIC_IKEV2);
    for (const t of TUNNELS) {
      const secret = block(text, `ike-tun${t.number}`);
      expect(secret).toContain("id-local = 198.51.100.7");
      expect(secret).toContain(`id-remote = ${t.outsideIp}`);
      expect(secret).toContain(`secret = "${t.psk}"`);
    }
  });

  it("renders only the configured tunnel of a single-tunnel connection, with the outage warning", () => {
    const text = renderStrongswan(BGP_IKEV2_ONE);
    expect(text).not.toContain("aws-tunnel-2");
    expect(text).not.toContain("192.0.2.20");
    expect(text).toContain("single tunnel");
  });

  it("explains the XFRM interfaces, inside addresses, MTU and MSS in comments only", () => {
    const text = renderStrongswan(STATIC_IKEV2);
    expect(text).toContain("# ROUTE-BASED SETUP");
    expect(text).toContain("#   ip addr add 169.254.44.2/30 dev xfrm-aws1");
    expect(text).toContain("#   ip link set xfrm-aws2 mtu 1399 up");
    expect(text).toContain("--set-mss 1359");
    // Static routes come from each child's up/down script (installed on up, withdrawn on down).
    expect(text).toContain("updown = /usr/local/sbin/aws-vpn-updown xfrm-aws1 10.150.0.0/20 100");
    expect(text).toContain("updown = /usr/local/sbin/aws-vpn-updown xfrm-aws2 10.150.0.0/20 200");
    expect(text).toContain('#|   up-client) ip route replace "$vpc" dev "$dev" metric "$metric" ;;');
    expect(text).toContain("#   sysctl -w net.ipv4.conf.all.rp_filter=2");
    for (const line of text.split("\n")) {
      if (/\bip (link|addr|route)\b|iptables/.test(line)) expect(line.startsWith("#")).toBe(true);
    }
  });

  it("names connection, region and generation time, and keeps a hostile name in a comment", () => {
    const text = renderStrongswan({ ...STATIC_IKEV2, customerName: 'x"\n}\nconnections { evil {' });
    expect(text).toContain("vpn-0a1b2c3d4e5f60718");
    expect(text).toContain("eu-west-1");
    expect(text).toContain("2025-03-04T05:06:07.000Z");
    for (const line of text.split("\n")) if (line.includes("evil")) expect(line.startsWith("#")).toBe(true);
  });

  it("has balanced braces", () => {
    for (const input of Object.values(CASES)) {
      const text = renderStrongswan(input).replace(/#.*$/gm, "");
      expect(text.split("{").length).toBe(text.split("}").length);
    }
  });
});
