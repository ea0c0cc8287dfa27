// The customer's BGP ASN (DESIGN §2). Pure; browser-safe.

const MAX_ASN = 4294967294;
/** Largest ASN the EC2 API takes in `BgpAsn`; anything above goes in `BgpAsnExtended`. */
const MAX_BGP_ASN_FIELD = 2147483647;

/** ASNs Amazon uses itself, which a customer gateway may not claim: "*" means every region. */
const AMAZON_RESERVED_ASNS: ReadonlyArray<{ asn: number; region: string | "*" }> = [
  { asn: 7224, region: "*" },
  { asn: 9059, region: "eu-west-1" },
  { asn: 10124, region: "ap-northeast-1" },
  { asn: 17943, region: "ap-southeast-1" },
];

// Inclusive ranges no customer may use, with the reason shown to them.
const RESERVED_RANGES: ReadonlyArray<{ from: number; to: number; reason: string }> = [
  { from: 0, to: 0, reason: "reserved" },
  { from: 23456, to: 23456, reason: "AS_TRANS, reserved for 4-byte ASN transition" },
  { from: 64496, to: 64511, reason: "reserved for documentation (64496–64511)" },
  { from: 65535, to: 65535, reason: "reserved" },
  { from: 65536, to: 65551, reason: "reserved for documentation (65536–65551)" },
  { from: 65552, to: 131071, reason: "reserved by IANA (65552–131071)" },
  { from: 4294967295, to: 4294967295, reason: "reserved" },
];

/** Parses what the customer typed: a plain number, optionally written "AS65001". Null otherwise. */
export function parseAsn(text: string): number | null {
  const match = /^(?:as\s*)?(\d{1,10})$/i.exec(text.trim());
  if (!match?.[1]) return null;
  return Number(match[1]);
}

export function asnApiField(asn: number): "BgpAsn" | "BgpAsnExtended" {
  return asn > MAX_BGP_ASN_FIELD ? "BgpAsnExtended" : "BgpAsn";
}

/** The private ASN to suggest, never the one that is itself the problem. */
function suggestion(platformAsn: number): string {
  const example = platformAsn === 65001 ? 65002 : 65001;
  return `use a private ASN such as ${example} (64512–65534) or 4200000000–4294967294`;
}

/**
 * Checks a customer ASN for the chosen region against the platform side's ASN. Returns the message
 * to show or null when it may be used. `region` may be unknown yet (only region-wide rules apply).
 */
export function checkCustomerAsn(
  asn: number,
  context: { region: string | undefined; platformAsn: number },
): string | null {
  const instead = suggestion(context.platformAsn);
  if (!Number.isInteger(asn) || asn < 0 || asn > 4294967295) {
    return `${asn} is not a valid ASN — ASNs run from 1 to ${MAX_ASN}; ${instead}`;
  }
  const reserved = RESERVED_RANGES.find((range) => asn >= range.from && asn <= range.to);
  if (reserved) return `ASN ${asn} is ${reserved.reason} — ${instead}`;
  if (asn === context.platformAsn) {
    return `ASN ${asn} is the platform side's ASN — choose a different one; ${instead}`;
  }
  const amazon = AMAZON_RESERVED_ASNS.find(
    (entry) => entry.asn === asn && (entry.region === "*" || entry.region === context.region),
  );
  if (amazon) {
    const where = amazon.region === "*" ? "in every region" : `in ${amazon.region}`;
    return `ASN ${asn} is reserved by Amazon ${where} — ${instead}`;
  }
  return null;
}

/** Parses and checks the BGP ASN field in one go: the ASN, or the message to show. */
export function checkAsnText(
  text: string,
  context: { region: string | undefined; platformAsn: number },
): { asn: number } | { error: string } {
  if (text.trim() === "")
    return { error: `Enter your router's BGP ASN — ${suggestion(context.platformAsn)}` };
  const asn = parseAsn(text);
  if (asn === null) {
    return {
      error: `${text.trim()} is not an ASN — enter a whole number (asplain, e.g. 65001), not asdot or a range`,
    };
  }
  const error = checkCustomerAsn(asn, context);
  return error ? { error } : { asn };
}
