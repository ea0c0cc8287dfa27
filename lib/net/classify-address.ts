// Is an IP address globally reachable? One classification, on ipaddr.js's special-purpose
// ranges (IANA registries), for everything the portal connects to or accepts: webhook targets at
// delivery (lib/alerts/post-webhook.ts), webhook URLs when saved, customer gateway addresses
// (classify-public-ip.ts). Pure; browser-safe.
import ipaddr from "ipaddr.js";

export type AddressClass =
  | { global: true; address: string; family: 4 | 6 }
  | { global: false; address: string; family: 4 | 6; range: string; description: string };

const V4_WORDS: Record<string, string> = {
  unspecified: 'in 0.0.0.0/8 ("this network")',
  broadcast: "the broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (169.254.0.0/16, cloud metadata)",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address (100.64.0.0/10)",
  private: "a private (RFC 1918) address",
  reserved: "a reserved, benchmarking or documentation address",
  as112: "an AS112 sink address",
  amt: "an AMT relay anycast address",
};

const V6_WORDS: Record<string, string> = {
  unspecified: "the unspecified address (::)",
  linkLocal: "a link-local address (fe80::/10)",
  multicast: "a multicast address",
  loopback: "the loopback address (::1)",
  uniqueLocal: "a unique-local (private) address (fc00::/7)",
  ipv4Mapped: "an IPv4-mapped address (::ffff:0:0/96)",
  deprecatedSiteLocal: "a site-local address (fec0::/10)",
  discard: "a discard-only address (100::/64)",
  rfc6145: "an IPv4-translated address (::ffff:0:0:0/96)",
  rfc6052: "a NAT64 address (64:ff9b::/96), which reaches IPv4 through a translator",
  "6to4": "a 6to4 address (2002::/16), which embeds an IPv4 address",
  teredo: "a Teredo address (2001::/32), which embeds an IPv4 address",
  benchmarking: "a benchmarking address (2001:2::/48)",
  reserved: "a reserved or documentation address",
};

/** Parses an address literal (IPv4 dotted quad, or IPv6 with or without brackets); null if not one. */
export function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = text.trim().replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (value.includes(":") && ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value);
  return null;
}

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Only plain global unicast counts: IPv4 outside every special range, IPv6 inside 2000::/3 and
 * outside its special ranges. Addresses that embed or translate IPv4 (mapped, NAT64, 6to4,
 * Teredo, the deprecated IPv4-compatible ::a.b.c.d) are refused whatever they embed.
 */
export function classifyAddress(address: ipaddr.IPv4 | ipaddr.IPv6): AddressClass {
  const text = address.toString();
  if (address.kind() === "ipv4") {
    const range = address.range();
    if (range === "unicast") return { global: true, address: text, family: 4 };
    return { global: false, address: text, family: 4, range, description: V4_WORDS[range] ?? range };
  }
  const v6 = address as ipaddr.IPv6;
  const range = v6.range();
  if (range !== "unicast") {
    return { global: false, address: text, family: 6, range, description: V6_WORDS[range] ?? range };
  }
  if (!v6.match(GLOBAL_UNICAST_V6)) {
    return {
      global: false,
      address: text,
      family: 6,
      range: "notGlobalUnicast",
      description: "outside the global unicast range (2000::/3), e.g. an IPv4-compatible ::a.b.c.d address",
    };
  }
  return { global: true, address: text, family: 6 };
}

/** Host names that only mean something inside a network (never sent to DNS for a webhook). */
export function isInternalHostName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (!host.includes(".")) return true; // "localhost", "metadata", any single-label name
  return [
    ".localhost",
    ".internal",
    ".local",
    ".localdomain",
    ".home.arpa",
    ".lan",
    ".intranet",
    ".corp",
  ].some((suffix) => host.endsWith(suffix));
}
