// The customer's network list (static subnet ranges or BGP-advertised networks), DESIGN §2:
// canonical IPv4 CIDRs, no duplicates or overlaps among themselves, not 0.0.0.0/0, not link-local,
// not multicast. Pure; browser-safe.
import {
  type Cidr,
  cidr,
  cidrContains,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  parseIpv4,
} from "@/lib/net/ipv4";

const MAX_CIDRS = 100;

const LINK_LOCAL = cidr("169.254.0.0/16");
const MULTICAST = cidr("224.0.0.0/4");

/** Splits the textarea: one CIDR per line, commas (and stray spaces) also separate; blanks dropped. */
export function splitCidrList(text: string): string[] {
  return text.split(/[\s,]+/).filter((entry) => entry !== "");
}

/**
 * Checks one entry on its own. Returns the parsed network or the message to show; the message
 * names the entry and says what to type instead.
 */
export function checkCidrEntry(entry: string): { cidr: Cidr } | { error: string } {
  const parsed = parseCidr(entry);
  if (!parsed) {
    if (parseIpv4(entry) !== null) {
      return {
        error: `${entry} has no prefix length — write it as a network, e.g. ${entry}/32 for one host`,
      };
    }
    return { error: `${entry} is not an IPv4 CIDR — write address/prefix, e.g. 10.20.0.0/16` };
  }
  const network: Cidr = { network: parsed.network, prefix: parsed.prefix };
  const canonical = formatCidr(network);
  if (!parsed.canonical) return { error: `${entry} has host bits set — use ${canonical}` };
  if (network.prefix === 0) {
    return { error: "0.0.0.0/0 would send all traffic into the VPN — list your internal networks instead" };
  }
  if (cidrsOverlap(network, LINK_LOCAL)) {
    return {
      error: `${canonical} overlaps link-local 169.254.0.0/16 (used for the tunnels' inside addresses) — list your internal networks instead`,
    };
  }
  if (cidrsOverlap(network, MULTICAST)) {
    return { error: `${canonical} overlaps multicast 224.0.0.0/4 — list unicast networks only` };
  }
  return { cidr: network };
}

export type CidrListResult = { ok: true; cidrs: string[] } | { ok: false; errors: string[] };

/**
 * Parses and checks a whole list. `cidrs` are canonical strings in the order typed. An empty list
 * is fine here; whether one is required depends on routing and is the schema's call.
 */
export function parseCidrList(text: string, options: { max?: number } = {}): CidrListResult {
  const max = options.max ?? MAX_CIDRS;
  const entries = splitCidrList(text);
  if (entries.length > max) {
    return {
      ok: false,
      errors: [
        `${entries.length} networks entered — at most ${max} are allowed; summarise adjacent ranges (e.g. two /24s into one /23)`,
      ],
    };
  }

  const errors: string[] = [];
  const accepted: Cidr[] = [];
  for (const entry of entries) {
    const checked = checkCidrEntry(entry);
    if ("error" in checked) {
      errors.push(checked.error);
      continue;
    }
    const text = formatCidr(checked.cidr);
    const earlier = accepted.find((other) => cidrsOverlap(other, checked.cidr));
    if (!earlier) {
      accepted.push(checked.cidr);
    } else if (earlier.network === checked.cidr.network && earlier.prefix === checked.cidr.prefix) {
      errors.push(`${text} is listed more than once — keep one`);
    } else {
      // CIDR blocks either nest or are disjoint, so an overlap always means one contains the other.
      const [outer, inner] = cidrContains(earlier, checked.cidr)
        ? [earlier, checked.cidr]
        : [checked.cidr, earlier];
      errors.push(
        `${formatCidr(earlier)} and ${text} overlap (${formatCidr(inner)} is inside ${formatCidr(outer)}) — keep only ${formatCidr(outer)}, or split it into ranges that do not overlap`,
      );
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, cidrs: accepted.map(formatCidr) };
}
