// Tunnel inside CIDRs and pre-shared keys (DESIGN §5). We generate both rather than let AWS pick,
// so retries are idempotent (the values are stored before CreateVpnConnection) and both tunnels
// always get explicit options. The validators mirror AWS's own rules and are shared with forms.

import { randomInt } from "node:crypto";
import { cidr, cidrContains, cidrSize, formatCidr, parseCidr } from "@/lib/net/ipv4";

/** Uniform integer in [0, maxExclusive). Defaults to node:crypto's CSPRNG; injectable for tests. */
export type RandomInt = (maxExclusive: number) => number;

const cryptoRandomInt: RandomInt = (maxExclusive) => randomInt(maxExclusive);

const INSIDE_SPACE = cidr("169.254.0.0/16");
const INSIDE_PREFIX = 30;

/** AWS rejects these as tunnel inside CIDRs (169.254.169.252/30 holds the instance metadata address). */
export const RESERVED_INSIDE_CIDRS: readonly string[] = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

const SLOT_SIZE = cidrSize(INSIDE_PREFIX);
const SLOT_COUNT = cidrSize(INSIDE_SPACE.prefix) / SLOT_SIZE;
/** Slot numbers (which /30 of the /16) that are reserved, ascending — the order slotFor relies on. */
const RESERVED_SLOTS: readonly number[] = RESERVED_INSIDE_CIDRS.map(
  (text) => (cidr(text).network - INSIDE_SPACE.network) / SLOT_SIZE,
).sort((a, b) => a - b);
const ALLOWED_SLOT_COUNT = SLOT_COUNT - RESERVED_SLOTS.length;

/**
 * The k-th allowed /30. Drawing k from the allowed count and skipping over reserved slots keeps the
 * choice uniform and bounded — no retry loop, whatever the random source returns.
 */
function slotFor(k: number): string {
  let slot = k;
  for (const reserved of RESERVED_SLOTS) if (reserved <= slot) slot++;
  return formatCidr({ network: INSIDE_SPACE.network + slot * SLOT_SIZE, prefix: INSIDE_PREFIX });
}

function draw(random: RandomInt, maxExclusive: number): number {
  const value = random(maxExclusive);
  if (!Number.isInteger(value) || value < 0 || value >= maxExclusive) {
    throw new RangeError(`random source returned ${value}, outside 0..${maxExclusive - 1}`);
  }
  return value;
}

/** Distinct /30 inside CIDRs from 169.254.0.0/16, never one AWS reserves. */
export function generateInsideCidrs(count: 1 | 2, random: RandomInt = cryptoRandomInt): string[] {
  const first = draw(random, ALLOWED_SLOT_COUNT);
  if (count === 1) return [slotFor(first)];
  // Draw the second from the remaining slots so the two differ without rejection sampling.
  const drawn = draw(random, ALLOWED_SLOT_COUNT - 1);
  const second = drawn >= first ? drawn + 1 : drawn;
  return [slotFor(first), slotFor(second)];
}

/** True for a canonical /30 inside 169.254.0.0/16 that AWS accepts as a tunnel inside CIDR. */
export function isValidInsideCidr(text: string): boolean {
  const parsed = parseCidr(text);
  if (!parsed?.canonical || parsed.prefix !== INSIDE_PREFIX) return false;
  if (!cidrContains(INSIDE_SPACE, parsed)) return false;
  return !RESERVED_INSIDE_CIDRS.includes(formatCidr(parsed));
}

/** AWS's PSK alphabet: letters, digits, "." and "_". 64 symbols, so each character carries 6 bits. */
export const PSK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
/** 32 characters = 192 bits (a little less for the first); well inside AWS's 8–64. */
export const PSK_LENGTH = 32;
const PSK_FIRST_ALPHABET = PSK_ALPHABET.replace("0", "");
const PSK_PATTERN = /^[A-Za-z0-9._]{8,64}$/;

/** A fresh pre-shared key; AWS forbids a leading "0". */
export function generatePsk(random: RandomInt = cryptoRandomInt): string {
  let psk = PSK_FIRST_ALPHABET.charAt(draw(random, PSK_FIRST_ALPHABET.length));
  while (psk.length < PSK_LENGTH) psk += PSK_ALPHABET.charAt(draw(random, PSK_ALPHABET.length));
  return psk;
}

/** AWS's rule for a tunnel PSK: 8–64 letters, digits, "." or "_", not starting with "0". */
export function isValidPsk(psk: string): boolean {
  return PSK_PATTERN.test(psk) && !psk.startsWith("0");
}
