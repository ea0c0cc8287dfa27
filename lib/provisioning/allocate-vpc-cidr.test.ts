import { describe, expect, it } from "vitest";
import { type Cidr, cidr, cidrContains, cidrSize, cidrsOverlap, formatCidr } from "@/lib/net/ipv4";
import {
  allocateVpcCidr,
  DEFAULT_VPC_PREFIX,
  MAX_VPC_PREFIX,
  MIN_VPC_PREFIX,
  NoFreeVpcCidrError,
  splitVpcCidr,
} from "./allocate-vpc-cidr";

/** Small seeded PRNG (mulberry32) so property-style runs are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const POOLS = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map(cidr);
const RESERVED = cidr("172.17.0.0/16");

/** Every CIDR of the given prefix inside `outer` except `hole` (which must lie inside it). */
function allBut(outer: string, hole: string): string[] {
  const o = cidr(outer);
  const h = cidr(hole);
  const out: string[] = [];
  // Walk down from outer to hole: at each level keep the sibling half that does not hold the hole.
  for (let p = o.prefix + 1; p <= h.prefix; p++) {
    const mine = { network: (h.network - (h.network % cidrSize(p))) >>> 0, prefix: p };
    const sibling = { network: (mine.network ^ cidrSize(p)) >>> 0, prefix: p };
    out.push(formatCidr(sibling));
  }
  return out;
}

function randomCidrIn(rand: () => number, pool: Cidr, minPrefix: number): string {
  const prefix = minPrefix + Math.floor(rand() * (31 - minPrefix));
  const size = cidrSize(prefix);
  const slots = cidrSize(pool.prefix) / size;
  return formatCidr({ network: pool.network + Math.floor(rand() * slots) * size, prefix });
}

function randomCustomer(rand: () => number): string[] {
  const count = Math.floor(rand() * 40);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const pick = rand();
    if (pick < 0.1) {
      out.push(randomCidrIn(rand, cidr("0.0.0.0/0"), 4)); // public or anything else
    } else {
      const pool = POOLS[Math.floor(rand() * POOLS.length)] ?? cidr("10.0.0.0/8");
      // Sometimes the whole pool or most of it, so the allocator has to fall through.
      out.push(randomCidrIn(rand, pool, rand() < 0.15 ? pool.prefix : pool.prefix + 2));
    }
  }
  return out;
}

/** Brute force: first pool in preference order, highest free aligned block within it. */
function oracle(taken: Cidr[], prefix: number): string | null {
  const size = cidrSize(prefix);
  for (const pool of POOLS) {
    for (let n = pool.network + cidrSize(pool.prefix) - size; n >= pool.network; n -= size) {
      const candidate = { network: n, prefix };
      if (!taken.some((t) => cidrsOverlap(t, candidate))) return formatCidr(candidate);
    }
  }
  return null;
}

describe("allocateVpcCidr", () => {
  it("defaults to a /24 split into private and public /25 halves, from the top of 10/8", () => {
    expect(DEFAULT_VPC_PREFIX).toBe(24);
    expect(allocateVpcCidr({ customerCidrs: [] })).toEqual({
      vpcCidr: "10.255.255.0/24",
      privateSubnetCidr: "10.255.255.0/25",
      publicSubnetCidr: "10.255.255.128/25",
    });
  });

  it("steps around the customer's networks and the blocks to avoid", () => {
    const result = allocateVpcCidr({
      customerCidrs: ["10.255.0.0/16", "10.254.255.0/24"],
      avoid: ["10.254.254.0/23"],
    });
    expect(result.vpcCidr).toBe("10.254.253.0/24");
  });

  it("never overlaps the customer, avoided or reserved blocks (seeded random sets)", () => {
    const rand = seeded(20240611);
    let fellThrough = 0;
    for (let run = 0; run < 500; run++) {
      const customerCidrs = randomCustomer(rand);
      const avoid = rand() < 0.3 ? randomCustomer(rand).slice(0, 3) : [];
      const prefix = MIN_VPC_PREFIX + Math.floor(rand() * (MAX_VPC_PREFIX - MIN_VPC_PREFIX + 1));
      let result: ReturnType<typeof allocateVpcCidr>;
      try {
        result = allocateVpcCidr({ customerCidrs, avoid, prefix });
      } catch (error) {
        expect(error).toBeInstanceOf(NoFreeVpcCidrError);
        continue;
      }
      const vpc = cidr(result.vpcCidr);
      expect(vpc.prefix).toBe(prefix);
      expect(POOLS.some((p) => cidrContains(p, vpc))).toBe(true);
      if (!cidrContains(cidr("10.0.0.0/8"), vpc)) fellThrough++;
      for (const taken of [...customerCidrs, ...avoid].map(cidr0)) {
        expect(cidrsOverlap(taken, vpc), `${result.vpcCidr} overlaps ${formatCidr(taken)}`).toBe(false);
      }
      expect(cidrsOverlap(RESERVED, vpc)).toBe(false);
      expect(result.privateSubnetCidr).toBe(formatCidr({ network: vpc.network, prefix: prefix + 1 }));
      expect(result.publicSubnetCidr).toBe(
        formatCidr({ network: vpc.network + cidrSize(prefix + 1), prefix: prefix + 1 }),
      );
    }
    // The generator must actually exercise the fallback pools, or the loop proves little.
    expect(fellThrough).toBeGreaterThan(10);
  });

  it("picks the same block a brute-force search would (seeded random sets, /16–/20)", () => {
    const rand = seeded(7);
    for (let run = 0; run < 150; run++) {
      const customerCidrs = randomCustomer(rand);
      const prefix = 16 + Math.floor(rand() * 5);
      const expected = oracle([...customerCidrs.map(cidr0), RESERVED], prefix);
      if (expected === null) {
        expect(() => allocateVpcCidr({ customerCidrs, prefix })).toThrow(NoFreeVpcCidrError);
      } else {
        expect(allocateVpcCidr({ customerCidrs, prefix }).vpcCidr).toBe(expected);
      }
    }
  });

  it("is deterministic and independent of input order and duplicates", () => {
    const customerCidrs = ["10.0.0.0/9", "10.128.0.0/10", "10.255.0.0/16", "192.168.1.0/24", "10.200.0.0/13"];
    const first = allocateVpcCidr({ customerCidrs });
    expect(allocateVpcCidr({ customerCidrs })).toEqual(first);
    expect(allocateVpcCidr({ customerCidrs: [...customerCidrs].reverse().concat(customerCidrs) })).toEqual(
      first,
    );
  });

  it("finds a small hole when the customer uses nearly all private space", () => {
    const customerCidrs = [
      ...allBut("10.0.0.0/8", "10.200.7.0/24"),
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10",
    ];
    expect(allocateVpcCidr({ customerCidrs }).vpcCidr).toBe("10.200.7.0/24");
    expect(allocateVpcCidr({ customerCidrs, prefix: 27 }).vpcCidr).toBe("10.200.7.224/27");
    expect(() => allocateVpcCidr({ customerCidrs, prefix: 23 })).toThrow(
      /largest block still free is a \/24/,
    );
  });

  it("handles tens of thousands of customer networks (every other /24 of 10/8)", () => {
    const customerCidrs: string[] = [];
    for (let b = 0; b < 256; b++) for (let c = 0; c < 256; c += 2) customerCidrs.push(`10.${b}.${c}.0/24`);
    expect(allocateVpcCidr({ customerCidrs }).vpcCidr).toBe("10.255.255.0/24");
    // No /23 is free in 10/8 any more, so it moves to 172.16/12 (top block: 172.31.254.0/23).
    expect(allocateVpcCidr({ customerCidrs, prefix: 23 }).vpcCidr).toBe("172.31.254.0/23");
  });

  it("uses 172.16/12 (but never 172.17/16), then 192.168/16, then 100.64/10 as a last resort", () => {
    expect(allocateVpcCidr({ customerCidrs: ["10.0.0.0/8"] }).vpcCidr).toBe("172.31.255.0/24");
    const only17Free = ["10.0.0.0/8", "172.16.0.0/16", "172.18.0.0/15", "172.20.0.0/14", "172.24.0.0/13"];
    expect(allocateVpcCidr({ customerCidrs: only17Free }).vpcCidr).toBe("192.168.255.0/24");
    const rfc1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
    expect(allocateVpcCidr({ customerCidrs: rfc1918 }).vpcCidr).toBe("100.127.255.0/24");
    expect(() => allocateVpcCidr({ customerCidrs: rfc1918, allowSharedAddressSpace: false })).toThrow(
      NoFreeVpcCidrError,
    );
  });

  it("errors clearly, naming what is used, when nothing fits", () => {
    const customerCidrs = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
    let caught: unknown;
    try {
      allocateVpcCidr({ customerCidrs, prefix: 27 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NoFreeVpcCidrError);
    const error = caught as NoFreeVpcCidrError;
    expect(error.prefix).toBe(27);
    expect(error.largestFreePrefix).toBeNull();
    expect(error.searched).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]);
    expect(error.used).toEqual(customerCidrs);
    expect(error.message).toContain("No free /27 for the platform VPC");
    expect(error.message).toContain("10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10");
  });

  it("reports the largest prefix that would still fit", () => {
    const customerCidrs = [...allBut("10.0.0.0/8", "10.1.2.64/26"), "172.16.0.0/12", "192.168.0.0/16"];
    try {
      allocateVpcCidr({ customerCidrs, allowSharedAddressSpace: false });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NoFreeVpcCidrError);
      expect((error as NoFreeVpcCidrError).largestFreePrefix).toBe(26);
      // The used list covers exactly everything but the hole.
      expect((error as NoFreeVpcCidrError).used).toContain("10.1.2.0/26");
    }
    expect(allocateVpcCidr({ customerCidrs, prefix: 26, allowSharedAddressSpace: false }).vpcCidr).toBe(
      "10.1.2.64/26",
    );
  });

  it("accepts /16 to /27 only (both halves must be valid /28-or-larger AWS subnets)", () => {
    expect(allocateVpcCidr({ customerCidrs: [], prefix: 16 }).vpcCidr).toBe("10.255.0.0/16");
    expect(allocateVpcCidr({ customerCidrs: [], prefix: 27 })).toEqual({
      vpcCidr: "10.255.255.224/27",
      privateSubnetCidr: "10.255.255.224/28",
      publicSubnetCidr: "10.255.255.240/28",
    });
    for (const prefix of [15, 28, 24.5, Number.NaN]) {
      expect(() => allocateVpcCidr({ customerCidrs: [], prefix })).toThrow(RangeError);
    }
  });

  it("treats a non-canonical customer CIDR as its whole block and rejects non-CIDRs by field", () => {
    expect(allocateVpcCidr({ customerCidrs: ["10.255.255.7/16"] }).vpcCidr).toBe("10.254.255.0/24");
    expect(() => allocateVpcCidr({ customerCidrs: ["10.0.0.0/8", "10.1.2"] })).toThrow(/customerCidrs\[1\]/);
    expect(() => allocateVpcCidr({ customerCidrs: [], avoid: ["nope"] })).toThrow(/avoid\[0\]/);
  });
});

/** Canonical block of a possibly non-canonical CIDR string (test inputs are always parseable). */
function cidr0(text: string): Cidr {
  const [address = "", prefix = "32"] = text.split("/");
  const parts = address.split(".").map(Number);
  const value =
    (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
  const p = Number(prefix);
  const size = cidrSize(p);
  return { network: value - (value % size), prefix: p };
}

describe("splitVpcCidr", () => {
  it("halves the VPC into the private (lower) and public subnets", () => {
    expect(splitVpcCidr(cidr("172.31.255.0/24"))).toEqual({
      vpcCidr: "172.31.255.0/24",
      privateSubnetCidr: "172.31.255.0/25",
      publicSubnetCidr: "172.31.255.128/25",
    });
  });
});
