import { describe, expect, it } from "vitest";
import { cidr, cidrContains } from "@/lib/net/ipv4";
import {
  generateInsideCidrs,
  generatePsk,
  isValidInsideCidr,
  isValidPsk,
  PSK_ALPHABET,
  PSK_LENGTH,
  type RandomInt,
  RESERVED_INSIDE_CIDRS,
} from "./generate-tunnel-secrets";

/** A random source that replays fixed values and records the bounds it was asked for. */
function scripted(...values: number[]): RandomInt & { bounds: number[] } {
  const bounds: number[] = [];
  const source = (max: number) => {
    bounds.push(max);
    const value = values.shift();
    if (value === undefined) throw new Error("scripted source exhausted");
    return value;
  };
  return Object.assign(source, { bounds });
}

describe("generateInsideCidrs", () => {
  it("never yields a reserved /30, whatever the random source returns", () => {
    const probe = scripted(0);
    generateInsideCidrs(1, probe);
    const allowed = probe.bounds[0] ?? 0;
    expect(allowed).toBe(16384 - RESERVED_INSIDE_CIDRS.length);

    // Every possible draw maps to a distinct, valid /30: the reserved ones are unreachable.
    const seen = new Set<string>();
    for (let k = 0; k < allowed; k++) {
      const [inside = ""] = generateInsideCidrs(1, () => k);
      expect(isValidInsideCidr(inside), inside).toBe(true);
      seen.add(inside);
    }
    expect(seen.size).toBe(allowed);
    for (const reserved of RESERVED_INSIDE_CIDRS) expect(seen.has(reserved)).toBe(false);
  });

  it("steps past a reserved block the source points at", () => {
    // 0 would be 169.254.0.0/30 and 64 169.254.1.0/30 if slots were taken literally.
    expect(generateInsideCidrs(1, () => 0)).toEqual(["169.254.0.4/30"]);
    expect(generateInsideCidrs(1, () => 63)).toEqual(["169.254.1.4/30"]);
    expect(generateInsideCidrs(1, () => 16376)).toEqual(["169.254.255.252/30"]);
  });

  it("returns two distinct /30s even when the source repeats itself", () => {
    expect(generateInsideCidrs(2, scripted(0, 0))).toEqual(["169.254.0.4/30", "169.254.0.8/30"]);
    expect(generateInsideCidrs(2, scripted(16376, 16375))).toEqual([
      "169.254.255.252/30",
      "169.254.255.248/30",
    ]);
    expect(generateInsideCidrs(2, scripted(5, 4))).toEqual(["169.254.0.24/30", "169.254.0.20/30"]);
  });

  it("with the real CSPRNG, always gives valid distinct pairs", () => {
    for (let i = 0; i < 2000; i++) {
      const pair = generateInsideCidrs(2);
      expect(pair).toHaveLength(2);
      expect(pair[0]).not.toBe(pair[1]);
      for (const inside of pair) expect(isValidInsideCidr(inside), inside).toBe(true);
    }
  });

  it("refuses a random source that goes out of range", () => {
    expect(() => generateInsideCidrs(1, () => -1)).toThrow(RangeError);
    expect(() => generateInsideCidrs(1, () => 16377)).toThrow(RangeError);
    expect(() => generateInsideCidrs(1, () => 0.5)).toThrow(RangeError);
  });
});

describe("isValidInsideCidr", () => {
  it("accepts canonical /30s in 169.254.0.0/16 that AWS does not reserve", () => {
    for (const ok of ["169.254.0.4/30", "169.254.6.0/30", "169.254.169.248/30", "169.254.255.252/30"]) {
      expect(isValidInsideCidr(ok), ok).toBe(true);
    }
    const bad = [
      ...RESERVED_INSIDE_CIDRS,
      "169.254.10.1/30", // host bits set
      "169.254.10.0/29",
      "169.254.10.0/31",
      "169.255.0.0/30",
      "10.0.0.0/30",
      "169.254.10.0",
      "",
    ];
    for (const text of bad) expect(isValidInsideCidr(text), text).toBe(false);
    for (const text of RESERVED_INSIDE_CIDRS)
      expect(cidrContains(cidr("169.254.0.0/16"), cidr(text))).toBe(true);
  });
});

describe("generatePsk", () => {
  it("produces 32 characters of AWS's alphabet, never starting with 0, over many samples", () => {
    const symbols = new Set<string>();
    const firsts = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const psk = generatePsk();
      expect(psk).toHaveLength(PSK_LENGTH);
      expect(psk).toMatch(/^[A-Za-z0-9._]+$/);
      expect(psk[0]).not.toBe("0");
      expect(isValidPsk(psk)).toBe(true);
      for (const ch of psk) symbols.add(ch);
      firsts.add(psk.charAt(0));
    }
    // Every symbol turns up, and every first character except "0": the whole alphabet is in use.
    expect(symbols.size).toBe(PSK_ALPHABET.length);
    expect(firsts.size).toBe(PSK_ALPHABET.length - 1);
  });

  it("cannot start with 0 even when the source picks the index of 0", () => {
    const zeroAt = PSK_ALPHABET.indexOf("0");
    const psk = generatePsk(() => zeroAt);
    expect(psk.charAt(0)).not.toBe("0");
    expect(psk.slice(1)).toBe("0".repeat(PSK_LENGTH - 1));
    expect(isValidPsk(psk)).toBe(true);
  });

  it("asks the source for uniform draws over the alphabet (first character without 0)", () => {
    const source = scripted(...new Array<number>(PSK_LENGTH).fill(1));
    generatePsk(source);
    expect(source.bounds).toEqual([PSK_ALPHABET.length - 1, ...new Array<number>(PSK_LENGTH - 1).fill(64)]);
  });
});

describe("isValidPsk", () => {
  it("follows AWS's rule: 8–64 letters, digits, . or _, not starting with 0", () => {
    for (const ok of ["abcdefgh", "A".repeat(64), "1_2.3abc", "._abcdef", "x0000000"]) {
      expect(isValidPsk(ok), ok).toBe(true);
    }
    for (const bad of ["abcdefg", "A".repeat(65), "0abcdefgh", "abc-defgh", "abc defgh", "abcdefgh\n", ""]) {
      expect(isValidPsk(bad), bad).toBe(false);
    }
  });
});
