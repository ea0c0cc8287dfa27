// IPv4 address and CIDR arithmetic on unsigned 32-bit numbers. Pure, no I/O; safe in the browser.

export type Cidr = { network: number; prefix: number };

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parses dotted-quad IPv4 ("192.0.2.1"); null when it is not exactly four decimal octets. */
export function parseIpv4(text: string): number | null {
  const parts = text.trim().split(".");
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return null;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

export function formatIpv4(value: number): string {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
}

/** Mask for a prefix length, as an unsigned number (prefix 0 → 0). */
export function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function cidrSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

export type ParsedCidr = Cidr & { canonical: boolean };

/** Parses "a.b.c.d/n". `canonical` is false when host bits are set (e.g. 10.0.0.1/24). */
export function parseCidr(text: string): ParsedCidr | null {
  const match = /^([^/\s]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match) return null;
  const address = parseIpv4(match[1] ?? "");
  const prefix = Number(match[2]);
  if (address === null || prefix > 32 || !/^(0|[1-9]\d?)$/.test(match[2] ?? "")) return null;
  const network = (address & prefixMask(prefix)) >>> 0;
  return { network, prefix, canonical: network === address };
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

export function cidrLast(cidr: Cidr): number {
  return (cidr.network + cidrSize(cidr.prefix) - 1) >>> 0;
}

export function cidrContainsIp(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.network && ip <= cidrLast(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.network <= cidrLast(b) && b.network <= cidrLast(a);
}

/** True when `outer` contains all of `inner`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.prefix <= inner.prefix && cidrContainsIp(outer, inner.network);
}

/** Parses a CIDR literal known to be valid (constants in code); throws otherwise. */
export function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed?.canonical) throw new Error(`not a canonical CIDR: ${text}`);
  return { network: parsed.network, prefix: parsed.prefix };
}
