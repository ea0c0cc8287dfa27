/** Just enough IPv4 arithmetic for EC2's CIDR checks (the emulator shares no code with the app). */
export type Cidr = { base: number; prefix: number };

export function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Parses `a.b.c.d/n`; host bits must be zero (EC2 refuses non-canonical blocks). */
export function parseCidr(text: string): Cidr | undefined {
  const [ip, bits, extra] = text.split("/");
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits))
    return undefined;
  const base = parseIpv4(ip);
  const prefix = Number(bits);
  if (base === undefined || prefix > 32) return undefined;
  if (base % 2 ** (32 - prefix) !== 0) return undefined;
  return { base, prefix };
}

export const cidrSize = (c: Cidr): number => 2 ** (32 - c.prefix);
export const formatCidr = (c: Cidr): string => `${formatIpv4(c.base)}/${c.prefix}`;

export function contains(outer: Cidr, inner: Cidr): boolean {
  return (
    inner.prefix >= outer.prefix &&
    inner.base >= outer.base &&
    inner.base + cidrSize(inner) <= outer.base + cidrSize(outer)
  );
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + cidrSize(b) && b.base < a.base + cidrSize(a);
}
