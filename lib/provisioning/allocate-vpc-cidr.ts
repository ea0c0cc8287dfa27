// Chooses the platform VPC's block so that it overlaps none of the customer's networks (DESIGN §4.1):
// the customer then never has to reserve or re-route anything for us. Pure interval arithmetic over
// sorted, merged ranges, so the cost depends on how many networks the customer declares, not on how
// much address space they use.

import { type Cidr, cidr, cidrLast, cidrSize, formatCidr, parseCidr } from "@/lib/net/ipv4";

/** AWS accepts VPC (and subnet) prefixes /16–/28; the VPC is split into two subnets, so /27 at most. */
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 27;
/** /24: two /25 subnets of 123 usable addresses each — room for the NAT gateway and the workloads. */
export const DEFAULT_VPC_PREFIX = 24;

type Pool = { block: Cidr; name: string };

// Preference order. 100.64.0.0/10 (RFC 6598 shared address space) comes last: AWS accepts it for
// VPCs and it is never routed on the internet. Its only sanctioned user is carrier-grade NAT on the
// customer's internet side, which sits outside the tunnel; a customer using it internally
// (Kubernetes, Tailscale) must declare it like any other network. Taking it beats failing a
// customer whose declared networks fill all of RFC 1918; callers can opt out.
const RFC1918_POOLS: readonly Pool[] = [
  { block: cidr("10.0.0.0/8"), name: "10.0.0.0/8" },
  { block: cidr("172.16.0.0/12"), name: "172.16.0.0/12" },
  { block: cidr("192.168.0.0/16"), name: "192.168.0.0/16" },
];
const SHARED_ADDRESS_POOL: Pool = { block: cidr("100.64.0.0/10"), name: "100.64.0.0/10" };

/**
 * Never allocated, whatever the customer declares: AWS documents that some of its services
 * (Cloud9, SageMaker) use 172.17.0.0/16, and it is Docker's default bridge network.
 */
const PLATFORM_RESERVED_CIDRS: readonly string[] = ["172.17.0.0/16"];

export type AllocateVpcCidrInput = {
  /** The customer's networks (static routes or networks declared for BGP). */
  customerCidrs: readonly string[];
  /** VPC prefix length, MIN_VPC_PREFIX..MAX_VPC_PREFIX; default DEFAULT_VPC_PREFIX. */
  prefix?: number;
  /** Further blocks to stay clear of, e.g. this customer's other platform VPCs. */
  avoid?: readonly string[];
  /** Whether 100.64.0.0/10 may be used once RFC 1918 is exhausted; default true. */
  allowSharedAddressSpace?: boolean;
};

export type VpcCidrAllocation = { vpcCidr: string; privateSubnetCidr: string; publicSubnetCidr: string };

/** Inclusive range of addresses as unsigned numbers. */
type Range = { start: number; end: number };

export class NoFreeVpcCidrError extends Error {
  override readonly name = "NoFreeVpcCidrError";
  constructor(
    readonly prefix: number,
    /** The pools that were searched, in preference order. */
    readonly searched: readonly string[],
    /** Everything in those pools that is taken (customer, avoid and reserved), as minimal CIDRs. */
    readonly used: readonly string[],
    /** Prefix of the largest VPC that would still fit (≤ MAX_VPC_PREFIX), or null when none would. */
    readonly largestFreePrefix: number | null,
  ) {
    const shown = used.slice(0, 12).join(", ") + (used.length > 12 ? ` and ${used.length - 12} more` : "");
    const next =
      largestFreePrefix === null
        ? "No VPC of any allowed size fits; ask the customer which declared networks can be dropped."
        : `The largest block still free is a /${largestFreePrefix}; allocate a smaller VPC or ask the customer which declared networks can be dropped.`;
    super(`No free /${prefix} for the platform VPC in ${searched.join(", ")}: in use are ${shown}. ${next}`);
  }
}

export function allocateVpcCidr(input: AllocateVpcCidrInput): VpcCidrAllocation {
  const prefix = input.prefix ?? DEFAULT_VPC_PREFIX;
  if (!Number.isInteger(prefix) || prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX) {
    throw new RangeError(
      `VPC prefix must be a whole number from ${MIN_VPC_PREFIX} to ${MAX_VPC_PREFIX} (both subnets must be /28 or larger); got ${prefix}`,
    );
  }
  const pools =
    input.allowSharedAddressSpace === false ? RFC1918_POOLS : [...RFC1918_POOLS, SHARED_ADDRESS_POOL];
  const used = mergeRanges([
    ...toRanges(input.customerCidrs, "customerCidrs"),
    ...toRanges(input.avoid ?? [], "avoid"),
    ...toRanges(PLATFORM_RESERVED_CIDRS, "PLATFORM_RESERVED_CIDRS"),
  ]);

  const network = findBlock(pools, used, prefix);
  if (network === null) {
    throw new NoFreeVpcCidrError(
      prefix,
      pools.map((p) => p.name),
      usedWithin(pools, used),
      largestFreePrefix(pools, used, prefix),
    );
  }
  return splitVpcCidr({ network, prefix });
}

/** The VPC block and its two halves: the private subnet (lower) and the public one, for the NAT. */
export function splitVpcCidr(vpc: Cidr): VpcCidrAllocation {
  const half = cidrSize(vpc.prefix + 1);
  return {
    vpcCidr: formatCidr(vpc),
    privateSubnetCidr: formatCidr({ network: vpc.network, prefix: vpc.prefix + 1 }),
    publicSubnetCidr: formatCidr({ network: vpc.network + half, prefix: vpc.prefix + 1 }),
  };
}

function toRanges(texts: readonly string[], field: string): Range[] {
  return texts.map((text, index) => {
    const parsed = parseCidr(text);
    // A non-canonical CIDR (10.1.2.3/16) still names a block; avoiding that whole block is the safe reading.
    if (!parsed) throw new TypeError(`${field}[${index}] is not an IPv4 CIDR: ${JSON.stringify(text)}`);
    return { start: parsed.network, end: cidrLast(parsed) };
  });
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The used ranges clipped to `pool`, still sorted and disjoint. */
function clip(used: readonly Range[], pool: Range): Range[] {
  const out: Range[] = [];
  for (const r of used) {
    if (r.end < pool.start || r.start > pool.end) continue;
    out.push({ start: Math.max(r.start, pool.start), end: Math.min(r.end, pool.end) });
  }
  return out;
}

function poolRange(pool: Pool): Range {
  return { start: pool.block.network, end: cidrLast(pool.block) };
}

/**
 * The highest free aligned block of the first pool that has one. Highest, because customers'
 * own allocations (and the networks they have not declared yet) cluster at the bottom of each
 * range — 10.0.x, 192.168.0.x — so the top is least likely to collide later.
 */
function findBlock(pools: readonly Pool[], used: readonly Range[], prefix: number): number | null {
  const size = cidrSize(prefix);
  for (const pool of pools) {
    const range = poolRange(pool);
    const taken = clip(used, range);
    let gapEnd = range.end;
    for (let i = taken.length; i >= 0; i--) {
      const below = taken[i - 1];
      const gapStart = below ? below.end + 1 : range.start;
      if (gapStart <= gapEnd) {
        // Doubles hold every 32-bit address exactly, and sizes are powers of two, so this is exact.
        const start = Math.floor((gapEnd + 1) / size) * size - size;
        if (start >= gapStart) return start;
      }
      if (below) gapEnd = below.start - 1;
    }
  }
  return null;
}

function largestFreePrefix(pools: readonly Pool[], used: readonly Range[], failed: number): number | null {
  for (let p = MIN_VPC_PREFIX; p <= MAX_VPC_PREFIX; p++) {
    if (p !== failed && findBlock(pools, used, p) !== null) return p;
  }
  return null;
}

function usedWithin(pools: readonly Pool[], used: readonly Range[]): string[] {
  return pools.flatMap((pool) => clip(used, poolRange(pool)).flatMap(rangeToCidrs)).map(formatCidr);
}

/** Minimal list of CIDRs covering exactly an inclusive range. */
function rangeToCidrs(range: Range): Cidr[] {
  const out: Cidr[] = [];
  let start = range.start;
  while (start <= range.end) {
    // Largest block aligned at `start` that does not run past the end.
    let prefix = start === 0 ? 0 : 32 - Math.log2((start & -start) >>> 0);
    while (start + cidrSize(prefix) - 1 > range.end) prefix++;
    out.push({ network: start, prefix });
    start += cidrSize(prefix);
  }
  return out;
}
