import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  normalizeRecoveryCode,
} from "@/lib/auth/recovery-codes";
import { isSecondFactorProof, secondFactorProof } from "@/lib/auth/second-factor-proof";
import { createTotpSecret, currentTotp, isValidTotp, totpUri } from "@/lib/auth/totp";

describe("TOTP", () => {
  const secret = createTotpSecret();
  const now = Date.UTC(2026, 11, 1, 10, 0, 15);

  it("accepts the current code and one step of drift, refuses older ones", () => {
    expect(isValidTotp(secret, currentTotp(secret, now), now)).toBe(true);
    expect(isValidTotp(secret, currentTotp(secret, now - 30_000), now)).toBe(true);
    expect(isValidTotp(secret, currentTotp(secret, now - 120_000), now)).toBe(false);
  });

  it("refuses malformed codes and tolerates spaces", () => {
    const code = currentTotp(secret, now);
    expect(isValidTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(true);
    expect(isValidTotp(secret, "12345", now)).toBe(false);
    expect(isValidTotp(secret, "abcdef", now)).toBe(false);
  });

  it("puts the issuer and the account in the otpauth URI", () => {
    const uri = totpUri(secret, "ada@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain("ada@example.com");
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes in two groups of five", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  });

  it("hash the same however they are typed back", () => {
    const [code = ""] = generateRecoveryCodes(1);
    expect(hashRecoveryCode(code.toLowerCase().replace("-", " "))).toBe(hashRecoveryCode(code));
    expect(looksLikeRecoveryCode(code)).toBe(true);
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(normalizeRecoveryCode(" ab-cd ")).toBe("ABCD");
  });
});

describe("second-factor proof", () => {
  const secret = "s".repeat(32);
  it("is good for one user and one sign-in only", () => {
    const proof = secondFactorProof(secret, "user-1", 1000);
    expect(isSecondFactorProof(secret, "user-1", 1000, proof)).toBe(true);
    expect(isSecondFactorProof(secret, "user-1", 1001, proof)).toBe(false);
    expect(isSecondFactorProof(secret, "user-2", 1000, proof)).toBe(false);
    expect(isSecondFactorProof("t".repeat(32), "user-1", 1000, proof)).toBe(false);
    expect(isSecondFactorProof(secret, "user-1", 1000, true)).toBe(false);
  });
});
