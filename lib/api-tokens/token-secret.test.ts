import { describe, expect, it } from "vitest";
import { displayPrefix, generateApiToken, hashApiToken, isApiTokenShaped } from "./token-secret";

describe("API token secret", () => {
  it("is random, prefixed and recognisable; only its hash is stored", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a).not.toBe(b);
    expect(isApiTokenShaped(a)).toBe(true);
    expect(isApiTokenShaped(`${a}x`)).toBe(false);
    expect(isApiTokenShaped("Bearer something")).toBe(false);
    expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(a)).toBe(hashApiToken(a));
    expect(hashApiToken(a)).not.toContain(a.slice(5, 15));
    expect(displayPrefix(a)).toHaveLength(11);
    expect(a.startsWith(displayPrefix(a))).toBe(true);
  });
});
