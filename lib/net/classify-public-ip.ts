// Is this a public unicast IPv4 address a customer gateway can use? (DESIGN §2.) Pure; browser-safe.
// Address parsing and range matching are ipaddr.js's (the same library as lib/net/classify-address.ts,
// which decides the same question for webhook targets); the wording of each block is ours.
import ipaddr from "ipaddr.js";
import { classifyAddress } from "./classify-address";

export type NonPublicBlock = {
  cidr: [ipaddr.IPv4, number];
  text: string;
  /** Completes "x.x.x.x is …" in the error message. */
  description: string;
  /** Documentation ranges are accepted when the deployment allows them (lab/demo). */
  documentation?: true;
};

// Most specific first: 255.255.255.255 must say "broadcast", not "reserved (240.0.0.0/4)".
const BLOCKS: ReadonlyArray<Omit<NonPublicBlock, "cidr">> = [
  { text: "255.255.255.255/32", description: "the broadcast address" },
  { text: "0.0.0.0/8", description: 'in 0.0.0.0/8 ("this network")' },
  { text: "10.0.0.0/8", description: "a private (RFC 1918) address" },
  { text: "172.16.0.0/12", description: "a private (RFC 1918) address" },
  { text: "192.168.0.0/16", description: "a private (RFC 1918) address" },
  {
    text: "100.64.0.0/10",
    description: "a carrier-grade NAT (RFC 6598, 100.64.0.0/10) address, not reachable from the internet",
  },
  { text: "127.0.0.0/8", description: "a loopback address (127.0.0.0/8)" },
  { text: "169.254.0.0/16", description: "a link-local address (169.254.0.0/16)" },
  { text: "192.0.0.0/24", description: "in the IETF protocol assignments block (192.0.0.0/24)" },
  {
    text: "192.0.2.0/24",
    description: "a documentation address (TEST-NET-1, 192.0.2.0/24)",
    documentation: true,
  },
  {
    text: "198.51.100.0/24",
    description: "a documentation address (TEST-NET-2, 198.51.100.0/24)",
    documentation: true,
  },
  {
    text: "203.0.113.0/24",
    description: "a documentation address (TEST-NET-3, 203.0.113.0/24)",
    documentation: true,
  },
  { text: "198.18.0.0/15", description: "a benchmarking address (198.18.0.0/15)" },
  { text: "224.0.0.0/4", description: "a multicast address (224.0.0.0/4)" },
  { text: "240.0.0.0/4", description: "a reserved address (240.0.0.0/4)" },
];

/** Every block a customer gateway address may not be in, in the order they are tested. */
export const NON_PUBLIC_IPV4_BLOCKS: readonly NonPublicBlock[] = BLOCKS.map((block) => ({
  ...block,
  cidr: ipaddr.IPv4.parseCIDR(block.text),
}));

/** The non-public block holding `ip`, or null; documentation blocks count only when not allowed. */
export function findNonPublicBlock(
  ip: ipaddr.IPv4,
  options: { allowDocumentation: boolean },
): NonPublicBlock | null {
  for (const block of NON_PUBLIC_IPV4_BLOCKS) {
    if (block.documentation && options.allowDocumentation) continue;
    if (ip.match(block.cidr)) return block;
  }
  return null;
}

const ASK = "enter your gateway's public IPv4 address";

/**
 * Checks the customer gateway address. Returns the message to show (naming what is wrong and what
 * to type instead) or null when the address is a usable public unicast IPv4 address.
 */
export function checkPublicIpv4(text: string, options: { allowDocumentation: boolean }): string | null {
  const value = text.trim();
  if (value === "") return `Enter your gateway's public IPv4 address (four numbers 0–255, e.g. 52.14.7.20)`;
  if (value.includes(":")) return `${value} is an IPv6 address — ${ASK} (IPv6 gateways are not supported)`;
  if (value.includes("/")) {
    const address = value.slice(0, value.indexOf("/"));
    return `${value} is a network, not an address — ${ASK} without a prefix length, e.g. ${address}`;
  }
  // Four decimal octets only: ipaddr.js would also read "127.1" or "0x7f.0.0.1" as addresses.
  if (!ipaddr.IPv4.isValidFourPartDecimal(value)) {
    return `${value} is not an IPv4 address — ${ASK} as four numbers 0–255, e.g. 52.14.7.20`;
  }
  const ip = ipaddr.IPv4.parse(value);
  const block = findNonPublicBlock(ip, options);
  if (!block) {
    // Anything else ipaddr.js knows as special (AS112, AMT relays…) is no customer gateway either.
    const classified = classifyAddress(ip);
    if (classified.global || (options.allowDocumentation && classified.range === "reserved")) return null;
    return `${value} is ${classified.description} — ${ASK}`;
  }
  // The router's own interface may be private behind NAT; AWS needs the address the NAT shows.
  const behindNat = block.description.includes("private") || block.text === "100.64.0.0/10";
  return `${value} is ${block.description} — ${ASK}${behindNat ? " (if the router is behind NAT, the NAT device's public address)" : ""}`;
}
