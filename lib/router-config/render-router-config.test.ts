import { describe, expect, it } from "vitest";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";
import {
  findRouterConfigFormat,
  findRouterConfigFormatsFor,
  ROUTER_CONFIG_FORMATS,
  type RouterConfigFormatId,
} from "./formats";
import { RouterConfigInputError, sanitizeCommentText } from "./render-helpers";
import {
  RouterConfigFormatError,
  RouterConfigRefusedError,
  refusalReason,
  renderRouterConfig,
} from "./render-router-config";
import { TEST_TUNNEL_1, TEST_TUNNEL_2, testBgpInput, testInput } from "./test-fixtures";
import type { RouterConfigInput } from "./types";

const TWO_TUNNELS = [TEST_TUNNEL_1, TEST_TUNNEL_2];

const STATIC_IKEV2_TWO = testInput();

const BGP_IKEV1_TWO = testBgpInput();

const BGP_IKEV2_ONE: RouterConfigInput = {
  ...BGP_IKEV1_TWO,
  requestId: "req_01HZX5Q6",
  vpnConnectionId: "vpn-0123456789abcdef0",
  customerName: "Zürich Logistics AG",
  region: "eu-central-1",
  ikeVersion: "IKEV2",
  customerAsn: 4200000010,
  customerCidrs: ["10.8.0.0/16"],
  tunnels: [TEST_TUNNEL_1],
};

const STATIC_IKEV1_TWO: RouterConfigInput = {
  ...STATIC_IKEV2_TWO,
  requestId: "req_01HZX5Q7",
  vpnConnectionId: "vpn-0b1c2d3e4f5a60719",
  ikeVersion: "IKEV1",
};

const STATIC_IKEV2_ONE: RouterConfigInput = {
  ...STATIC_IKEV2_TWO,
  requestId: "req_01HZX5Q8",
  vpnConnectionId: "vpn-0c1d2e3f4a5b6071a",
  tunnels: [TEST_TUNNEL_1],
};

const CASES = {
  "static-ikev2-2tunnels": STATIC_IKEV2_TWO,
  "static-ikev1-2tunnels": STATIC_IKEV1_TWO,
  "static-ikev2-1tunnel": STATIC_IKEV2_ONE,
  "bgp-ikev1-2tunnels": BGP_IKEV1_TWO,
  "bgp-ikev2-1tunnel": BGP_IKEV2_ONE,
} as const;

/**
 * The input a format can serve closest to `input`: a combination the vendor cannot meet (ASA with
 * IKEv1, RouterOS with BGP) is refused (tested below); the customer-facing checks then run on the
 * nearest combination it serves instead.
 */
function servable(format: GoldenFormat, input: RouterConfigInput): RouterConfigInput {
  if (!refusalReason(format, input)) return input;
  if (format === "cisco-asa") return { ...input, ikeVersion: "IKEV2" };
  return { ...input, routing: "STATIC", customerAsn: null };
}

// The formats rendered here (strongSwan and FRR have their own tests beside their renderers), each
// with the marker its comments start with. Each golden file follows the vendor documentation cited
// next to it.
const GOLDEN_COMMENT_MARKERS = {
  // AWS Site-to-Site VPN User Guide: customer gateway device, generic sample configuration.
  generic: "#",
  // Cisco IOS XE Security Configuration Guide: IPsec Virtual Tunnel Interfaces; Configuring IKEv2;
  // AWS Site-to-Site VPN Cisco IOS sample configs.
  "cisco-ios": "!",
  // Cisco ASA Series VPN CLI Configuration Guide 9.8+: Virtual Tunnel Interface;
  // Cisco TechNote 200982 "ASA IPsec VTI connection to Amazon Web Services".
  "cisco-asa": "!",
  // Junos OS IPsec VPN User Guide for Security Devices: Route-Based IPsec VPNs (st0), IKE DPD,
  // establish-tunnels; AWS Juniper SRX sample configs.
  "juniper-srx": "#",
  // PAN-OS Administrator's Guide: Set Up Site-to-Site VPN (IKE gateway, IPsec tunnel, tunnel
  // monitoring); Configure BGP on the virtual router.
  "paloalto-panos": "#",
  // FortiOS Administration Guide: IPsec VPN > Site-to-site VPN, Dead peer detection; FortiOS CLI
  // Reference: vpn ipsec phase1-interface/phase2-interface, router bgp.
  fortigate: "#",
  // MikroTik RouterOS documentation: IPsec (site-to-site with pre-shared key); BGP (v7).
  "mikrotik-routeros": "#",
  // VyOS 1.4 documentation: IPsec Site-to-Site VPN, route-based VPN with VTI; BGP.
  vyos: "#",
  // Ubiquiti Help Center: EdgeRouter route-based site-to-site VPN to AWS VPC (VTI); BGP over VTI.
  edgeos: "#",
  // libreswan ipsec.conf(5)/ipsec.secrets(5) 4.x; checked against its documentation only.
  libreswan: "#",
} as const satisfies Partial<Record<RouterConfigFormatId, "#" | "!">>;

type GoldenFormat = keyof typeof GOLDEN_COMMENT_MARKERS;
const GOLDEN_FORMATS = Object.keys(GOLDEN_COMMENT_MARKERS) as GoldenFormat[];

const render = (format: string, input: RouterConfigInput) => renderRouterConfig(format, input).content;

describe("router configuration golden files", () => {
  for (const format of GOLDEN_FORMATS) {
    for (const [caseName, input] of Object.entries(CASES)) {
      if (refusalReason(format, input)) continue; // refused, never rendered: see "refuses … " below
      it(`${format} — ${caseName}`, async () => {
        await expect(render(format, input)).toMatchFileSnapshot(`./__golden__/${format}-${caseName}.txt`);
      });
    }
  }
});

describe.each(GOLDEN_FORMATS)("%s: what the customer relies on", (format) => {
  it("contains every tunnel's pre-shared key and AWS outside IP", () => {
    const content = render(format, servable(format, BGP_IKEV1_TWO));
    for (const tunnel of TWO_TUNNELS) {
      expect(content).toContain(tunnel.psk);
      expect(content).toContain(tunnel.outsideIp);
    }
  });

  it("uses AES-256, SHA-256 and DH group 14 and never weak defaults", () => {
    for (const input of Object.values(CASES)) {
      const content = render(format, servable(format, input));
      expect(content).toMatch(/aes[- ]?(cbc[- ])?256|aes-256/i);
      expect(content).toMatch(/sha-?2?-?256/i);
      expect(content).toMatch(/group ?'?14|modp2048|dhgrp 14|dh-group '?14|group14|DH group \.* ?14/i);
      expect(content).not.toMatch(
        /3des|\bdes\b|md5|sha1\b|sha-1\b|esp-sha-hmac|modp1024|\bgroup ?[125]\b|dhgrp [125]\b/i,
      );
    }
  });

  it("sets tunnel MTU 1399 and TCP MSS 1359", () => {
    const content = render(format, STATIC_IKEV2_TWO);
    expect(content).toContain("1399");
    expect(content).toContain("1359");
  });

  it("configures BGP neighbours only for BGP connections", () => {
    if (format === "mikrotik-routeros") {
      // RouterOS (policy-based) is refused for BGP: asserted in "refuses … with the reason" below.
      expect(refusalReason(format, BGP_IKEV2_ONE)).toMatch(/one unique SA pair per tunnel/);
      expect(render(format, STATIC_IKEV2_TWO)).not.toContain("64512");
      return;
    }
    const bgpIkev1Two = servable(format, BGP_IKEV1_TWO);
    expect(render(format, bgpIkev1Two)).toContain("64512");
    expect(render(format, bgpIkev1Two)).toContain("65010");
    expect(render(format, BGP_IKEV2_ONE)).toContain("4200000010");
    expect(render(format, STATIC_IKEV2_TWO)).not.toContain("64512");
  });

  it("gives keep-alive advice only for IKEv2 with static routing", () => {
    expect(render(format, STATIC_IKEV2_TWO)).toContain("KEEP-ALIVE");
    expect(render(format, STATIC_IKEV2_TWO)).toContain("10.150.0.4");
    for (const input of [BGP_IKEV1_TWO, BGP_IKEV2_ONE, STATIC_IKEV1_TWO]) {
      // A refused combination renders nothing at all (asserted in "refuses … " below).
      if (refusalReason(format, input)) expect(() => render(format, input)).toThrow(RouterConfigRefusedError);
      else expect(render(format, input)).not.toContain("KEEP-ALIVE");
    }
  });

  it("warns plainly about a single tunnel and configures only that one", () => {
    const single = render(format, servable(format, BGP_IKEV2_ONE));
    expect(single).toContain("single tunnel");
    expect(single).toContain("outage");
    expect(single).not.toContain(TWO_TUNNELS[1]?.outsideIp);
    expect(render(format, servable(format, BGP_IKEV1_TWO))).not.toContain("single tunnel");
  });

  it("names the connection, customer, request, region and generation time", () => {
    const content = render(format, STATIC_IKEV2_TWO);
    for (const text of ["vpn-0a1b2c3d4e5f60718", "Acme Manufacturing GmbH", "req_01HZX5Q4", "eu-west-1"]) {
      expect(content).toContain(text);
    }
    expect(content).toContain("2025-03-04T05:06:07.000Z");
  });

  it("keeps a hostile customer name inside the comment", () => {
    const customerName = `Evil "Corp'\nset system login user hacker\r\n! end\u2028interface x\u0000${"y".repeat(300)}`;
    const content = render(format, { ...STATIC_IKEV2_TWO, customerName });
    const marker = GOLDEN_COMMENT_MARKERS[format];
    for (const line of content.split(/\r\n|\n|\r|\u2028|\u2029/)) {
      if (/hacker|interface x|yyyy/.test(line)) expect(line.startsWith(marker)).toBe(true);
    }
    for (const forbidden of ["\u0000", "\u2028", "\r"]) expect(content).not.toContain(forbidden);
    expect(content).not.toContain("y".repeat(100));
  });
});

describe("sanitizeCommentText", () => {
  it("folds accents, strips control characters and caps the length", () => {
    expect(sanitizeCommentText("Zürich\n\tLogistics")).toBe("Zurich Logistics");
    expect(sanitizeCommentText("\u0000\u0007")).toBe("(unnamed)");
    expect(sanitizeCommentText("a".repeat(200))).toHaveLength(80);
  });
});

describe("refuses a vendor/version that cannot meet the AWS policy, with the reason and the alternative", () => {
  it("Cisco ASA with IKEv1 (no SHA-2 for IKEv1 on ASA): refused, pointing to IKEv2", () => {
    for (const input of [BGP_IKEV1_TWO, STATIC_IKEV1_TWO]) {
      expect(() => renderRouterConfig("cisco-asa", input)).toThrow(RouterConfigRefusedError);
      expect(refusalReason("cisco-asa", input)).toMatch(/SHA-2 only with IKEv2.*IKEv2/);
    }
    expect(refusalReason("cisco-asa", STATIC_IKEV2_TWO)).toBeNull();
  });

  it("MikroTik RouterOS with BGP (policy-based: two SA pairs per tunnel): refused, pointing to static", () => {
    expect(() => renderRouterConfig("mikrotik-routeros", BGP_IKEV2_ONE)).toThrow(RouterConfigRefusedError);
    expect(refusalReason("mikrotik-routeros", BGP_IKEV1_TWO)).toMatch(/static routing/);
    expect(refusalReason("mikrotik-routeros", STATIC_IKEV1_TWO)).toBeNull();
  });
});

describe("renderRouterConfig", () => {
  it("registers every format exactly once with a renderer", () => {
    const ids = ROUTER_CONFIG_FORMATS.map((f) => f.id);
    expect(ids).toEqual([
      "generic",
      "strongswan",
      "libreswan",
      "frr",
      "cisco-ios",
      "cisco-asa",
      "juniper-srx",
      "paloalto-panos",
      "fortigate",
      "mikrotik-routeros",
      "vyos",
      "edgeos",
    ]);
    expect(findRouterConfigFormat("vyos")?.label).toBe("VyOS 1.4");
    expect(findRouterConfigFormat("nope")).toBeUndefined();
  });

  it("names the file after the connection and the format", () => {
    const rendered = renderRouterConfig("cisco-ios", STATIC_IKEV2_TWO);
    expect(rendered.filename).toBe("vpn-0a1b2c3d4e5f60718-cisco-ios.txt");
    expect(rendered.contentType).toBe("text/plain; charset=utf-8");
    expect(renderRouterConfig("mikrotik-routeros", STATIC_IKEV2_TWO).filename).toBe(
      "vpn-0a1b2c3d4e5f60718-mikrotik-routeros.rsc",
    );
  });

  it("offers FRR (the BGP part) for BGP connections only", () => {
    expect(findRouterConfigFormatsFor("STATIC").map((f) => f.id)).not.toContain("frr");
    expect(findRouterConfigFormatsFor("BGP").map((f) => f.id)).toContain("frr");
    expect(() => renderRouterConfig("frr", STATIC_IKEV2_TWO)).toThrow(RouterConfigFormatError);
  });

  it("refuses unknown formats and malformed or weak inputs instead of rendering them", () => {
    expect(() => renderRouterConfig("netgear", STATIC_IKEV2_TWO)).toThrow(RouterConfigFormatError);
    const weak = {
      ...TUNNEL_POLICY,
      phase1: { ...TUNNEL_POLICY.phase1, dhGroups: [2], encryption: ["3DES"] },
    };
    expect(() => renderRouterConfig("generic", { ...STATIC_IKEV2_TWO, policy: weak })).toThrow(
      RouterConfigInputError,
    );
    const badPsk = [{ ...TWO_TUNNELS[0], psk: "abc'\nxyz12" }] as RouterConfigInput["tunnels"];
    expect(() => renderRouterConfig("generic", { ...STATIC_IKEV2_TWO, tunnels: badPsk })).toThrow(
      RouterConfigInputError,
    );
    expect(() => renderRouterConfig("generic", { ...BGP_IKEV1_TWO, customerAsn: null })).toThrow(
      RouterConfigInputError,
    );
    expect(() => renderRouterConfig("generic", { ...STATIC_IKEV2_TWO, tunnels: [] })).toThrow(
      RouterConfigInputError,
    );
  });
});
