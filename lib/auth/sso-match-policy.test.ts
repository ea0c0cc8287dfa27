import { describe, expect, it } from "vitest";
import { ssoEmailOf, ssoErrorMessage, ssoRefusalOf } from "@/lib/auth/sso-match-policy";

describe("single sign-on matching rules", () => {
  const active = { deactivatedAt: null };

  it("needs an e-mail the provider verified and a portal user who is not deactivated", () => {
    expect(ssoRefusalOf({ email: "a@example.com", email_verified: true }, active)).toBeNull();
    expect(ssoRefusalOf({ email: "a@example.com", email_verified: "true" }, active)).toBeNull();
    expect(ssoRefusalOf({ email: "a@example.com", email_verified: false }, active)).toBe("unverified-email");
    expect(ssoRefusalOf({ email: "a@example.com" }, active)).toBe("unverified-email");
    expect(ssoRefusalOf({ email_verified: true }, active)).toBe("no-email");
    expect(ssoRefusalOf({ email: "a@example.com", email_verified: true }, null)).toBe("unknown-user");
    expect(
      ssoRefusalOf({ email: "a@example.com", email_verified: true }, { deactivatedAt: new Date() }),
    ).toBe("deactivated");
  });

  it("compares e-mail addresses in lower case and refuses non-addresses", () => {
    expect(ssoEmailOf({ email: " Ada@Example.COM " })).toBe("ada@example.com");
    expect(ssoEmailOf({ email: "not-an-address" })).toBeNull();
    expect(ssoEmailOf({ email: 42 })).toBeNull();
  });

  it("explains each refusal on the sign-in page, and anything else as a failed sign-on", () => {
    expect(ssoErrorMessage("sso-unknown-user")).toMatch(/No portal account matches/);
    expect(ssoErrorMessage("sso-deactivated")).toMatch(/deactivated/);
    expect(ssoErrorMessage("OAuthCallbackError")).toMatch(/did not complete/);
    expect(ssoErrorMessage(undefined)).toBeNull();
  });
});
