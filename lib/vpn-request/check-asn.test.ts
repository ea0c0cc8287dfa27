import { describe, expect, it } from "vitest";
import { asnApiField, checkAsnText, checkCustomerAsn, parseAsn } from "./check-asn";

type Context = Parameters<typeof checkCustomerAsn>[1];
const usWest: Context = { region: "us-west-2", platformAsn: 64512 };
const check = (asn: number, context: Context = usWest) => checkCustomerAsn(asn, context);
const ADVICE = "use a private ASN such as 65001 (64512–65534) or 4200000000–4294967294";

describe("checkCustomerAsn", () => {
  it("accepts the usual private and public ASNs, and each neighbour of a reserved range", () => {
    for (const asn of [
      1, 23455, 23457, 64495, 64513, 65001, 65534, 131072, 2147483647, 2147483648, 4200000000, 4294967294,
    ]) {
      expect(check(asn), String(asn)).toBeNull();
    }
  });

  it.each([
    [0, "reserved"],
    [23456, "AS_TRANS"],
    [64496, "documentation (64496–64511)"],
    [64511, "documentation (64496–64511)"],
    [65535, "reserved"],
    [65536, "documentation (65536–65551)"],
    [65551, "documentation (65536–65551)"],
    [65552, "reserved by IANA (65552–131071)"],
    [131071, "reserved by IANA (65552–131071)"],
    [4294967295, "reserved"],
  ])("rejects ASN %i (%s) and suggests a private one", (asn, why) => {
    const message = check(asn);
    expect(message).toContain(`ASN ${asn} is`);
    expect(message).toContain(why);
    expect(message).toContain(ADVICE);
  });

  it("words the 65535 example exactly", () => {
    expect(check(65535)).toBe(`ASN 65535 is reserved — ${ADVICE}`);
  });

  it("rejects numbers outside the ASN space", () => {
    expect(check(4294967296)).toContain("ASNs run from 1 to 4294967294");
    expect(check(-1)).toContain("not a valid ASN");
    expect(check(1.5)).toContain("not a valid ASN");
  });

  it("rejects the platform side's ASN, whatever it is configured to", () => {
    expect(check(64512)).toMatch(/^ASN 64512 is the platform side's ASN — choose a different one/);
    expect(check(64512, { region: "us-west-2", platformAsn: 64600 })).toBeNull();
    // Never suggest the very ASN that conflicts.
    expect(check(65001, { region: "us-west-2", platformAsn: 65001 })).toContain("such as 65002");
  });

  it("rejects Amazon's ASN 7224 in every region", () => {
    for (const region of ["us-west-2", "eu-west-1", "ap-southeast-2", undefined]) {
      expect(check(7224, { region, platformAsn: 64512 })).toContain("reserved by Amazon in every region");
    }
  });

  it.each([
    [9059, "eu-west-1"],
    [10124, "ap-northeast-1"],
    [17943, "ap-southeast-1"],
  ])("rejects Amazon's ASN %i only in %s", (asn, region) => {
    expect(check(asn, { region, platformAsn: 64512 })).toContain(`reserved by Amazon in ${region}`);
    expect(check(asn, { region: "us-west-2", platformAsn: 64512 })).toBeNull();
    expect(check(asn, { region: undefined, platformAsn: 64512 })).toBeNull();
  });
});

describe("asnApiField", () => {
  it("sends ASNs above 2147483647 as BgpAsnExtended", () => {
    expect(asnApiField(65001)).toBe("BgpAsn");
    expect(asnApiField(2147483647)).toBe("BgpAsn");
    expect(asnApiField(2147483648)).toBe("BgpAsnExtended");
    expect(asnApiField(4294967294)).toBe("BgpAsnExtended");
  });
});

describe("parseAsn / checkAsnText", () => {
  it("reads plain numbers and the AS prefix", () => {
    expect(parseAsn(" 65001 ")).toBe(65001);
    expect(parseAsn("AS65001")).toBe(65001);
    expect(parseAsn("as 4200000000")).toBe(4200000000);
    for (const bad of ["", "1.10", "65001-65002", "-1", "65k", "12345678901"])
      expect(parseAsn(bad)).toBeNull();
  });

  it("asks for an ASN when empty or not a number", () => {
    expect(checkAsnText("", usWest)).toEqual({ error: `Enter your router's BGP ASN — ${ADVICE}` });
    expect(checkAsnText("1.10", usWest)).toEqual({
      error: "1.10 is not an ASN — enter a whole number (asplain, e.g. 65001), not asdot or a range",
    });
    expect(checkAsnText("65001", usWest)).toEqual({ asn: 65001 });
    expect(checkAsnText("65535", usWest)).toEqual({ error: `ASN 65535 is reserved — ${ADVICE}` });
  });
});
