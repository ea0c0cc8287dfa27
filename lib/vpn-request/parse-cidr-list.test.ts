import { describe, expect, it } from "vitest";
import { checkCidrEntry, parseCidrList, splitCidrList } from "./parse-cidr-list";

const errorsOf = (text: string) => {
  const result = parseCidrList(text);
  return result.ok ? [] : result.errors;
};

describe("splitCidrList", () => {
  it("takes one CIDR per line, also commas; ignores blank lines and spaces", () => {
    expect(splitCidrList("10.0.0.0/16\n\n 10.1.0.0/16 ,10.2.0.0/16\r\n,\n")).toEqual([
      "10.0.0.0/16",
      "10.1.0.0/16",
      "10.2.0.0/16",
    ]);
    expect(splitCidrList("  \n ")).toEqual([]);
  });
});

describe("parseCidrList", () => {
  it("accepts canonical, disjoint networks in the order typed", () => {
    expect(parseCidrList("192.168.0.0/16\n10.20.0.0/16, 172.16.5.0/24\n10.21.0.5/32")).toEqual({
      ok: true,
      cidrs: ["192.168.0.0/16", "10.20.0.0/16", "172.16.5.0/24", "10.21.0.5/32"],
    });
  });

  it("accepts an empty list (whether one is required is routing's call)", () => {
    expect(parseCidrList("")).toEqual({ ok: true, cidrs: [] });
  });

  it("rejects host bits set and offers the canonical form", () => {
    expect(errorsOf("10.1.2.3/16")).toEqual(["10.1.2.3/16 has host bits set — use 10.1.0.0/16"]);
  });

  it("rejects what is not a CIDR, suggesting /32 for a bare address", () => {
    expect(errorsOf("10.0.0/8")[0]).toContain("10.0.0/8 is not an IPv4 CIDR — write address/prefix");
    expect(errorsOf("10.0.0.0/33")[0]).toContain("is not an IPv4 CIDR");
    expect(errorsOf("10.9.8.7")[0]).toContain("e.g. 10.9.8.7/32");
  });

  it("rejects duplicates, naming the entry", () => {
    expect(errorsOf("10.0.0.0/16\n10.0.0.0/16")).toEqual(["10.0.0.0/16 is listed more than once — keep one"]);
  });

  it("rejects overlaps, naming both entries whichever comes first", () => {
    const [wide] = errorsOf("10.0.0.0/8\n10.20.0.0/16");
    expect(wide).toContain("10.0.0.0/8 and 10.20.0.0/16 overlap");
    expect(wide).toContain("keep only 10.0.0.0/8");
    const [narrowFirst] = errorsOf("10.20.0.0/16\n10.0.0.0/8");
    expect(narrowFirst).toContain("10.20.0.0/16 and 10.0.0.0/8 overlap");
    expect(narrowFirst).toContain("10.20.0.0/16 is inside 10.0.0.0/8");
  });

  it("allows adjacent networks", () => {
    expect(parseCidrList("10.0.0.0/24\n10.0.1.0/24").ok).toBe(true);
  });

  it("rejects the default route", () => {
    expect(errorsOf("0.0.0.0/0")[0]).toMatch(/^0\.0\.0\.0\/0 would send all traffic into the VPN/);
  });

  it("rejects link-local, including a range that contains it", () => {
    expect(errorsOf("169.254.0.0/16")[0]).toContain("overlaps link-local 169.254.0.0/16");
    expect(errorsOf("169.254.10.0/24")[0]).toContain("link-local");
    expect(errorsOf("169.0.0.0/8")[0]).toContain("link-local");
    expect(parseCidrList("169.253.0.0/16\n169.255.0.0/16").ok).toBe(true);
  });

  it("rejects multicast, including a range that contains it", () => {
    expect(errorsOf("224.0.0.0/4")[0]).toContain("overlaps multicast 224.0.0.0/4");
    expect(errorsOf("239.1.0.0/16")[0]).toContain("multicast");
    expect(errorsOf("192.0.0.0/2")[0]).toContain("multicast");
    expect(parseCidrList("223.255.255.0/24").ok).toBe(true);
  });

  it("takes 100 networks but not 101", () => {
    const networks = (count: number) => Array.from({ length: count }, (_, i) => `10.${i}.0.0/16`).join("\n");
    expect(parseCidrList(networks(100)).ok).toBe(true);
    expect(errorsOf(networks(101))).toEqual([
      "101 networks entered — at most 100 are allowed; summarise adjacent ranges (e.g. two /24s into one /23)",
    ]);
  });

  it("reports every bad entry at once", () => {
    expect(errorsOf("10.1.2.3/16\nnope\n0.0.0.0/0")).toHaveLength(3);
  });
});

describe("checkCidrEntry", () => {
  it("returns the network for a good entry", () => {
    expect(checkCidrEntry("10.0.0.0/8")).toEqual({ cidr: { network: 0x0a000000, prefix: 8 } });
  });
});
