import { describe, expect, it } from "vitest";
import { cidr, cidrsOverlap, formatCidr, parseCidr, parseIpv4 } from "./ipv4";

describe("ipv4", () => {
  it("parses dotted quads and rejects anything else", () => {
    expect(parseIpv4("203.0.113.10")).toBe(0xcb00710a);
    for (const bad of ["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "a.b.c.d", ""]) {
      expect(parseIpv4(bad)).toBeNull();
    }
  });
  it("parses CIDRs and reports non-canonical ones", () => {
    expect(parseCidr("10.0.0.0/8")).toMatchObject({ canonical: true, prefix: 8 });
    const loose = parseCidr("10.1.2.3/16");
    expect(loose?.canonical).toBe(false);
    expect(loose && formatCidr(loose)).toBe("10.1.0.0/16");
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("10.0.0.0/08")).toBeNull();
  });
  it("detects overlap", () => {
    expect(cidrsOverlap(cidr("10.0.0.0/8"), cidr("10.20.0.0/16"))).toBe(true);
    expect(cidrsOverlap(cidr("10.0.0.0/16"), cidr("10.1.0.0/16"))).toBe(false);
  });
});
