// TOTP for the staff second factor (issue 15): RFC 6238, 6 digits, 30-second steps, one step of
// clock drift either way. Pure (otplib with its audited noble/scure plugins).
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export const TOTP_ISSUER = "Site-to-Site VPN portal";

export function createTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** A 6-digit code (whitespace allowed) that is valid now, give or take one 30-second step. */
export function isValidTotp(secret: string, code: string, nowMs = Date.now()): boolean {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return false;
  return verifySync({ secret, token, epoch: Math.floor(nowMs / 1000), epochTolerance: 30 }).valid;
}

/** The current code (the e2e helper and tests play the authenticator app with it). */
export function currentTotp(secret: string, nowMs = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}
