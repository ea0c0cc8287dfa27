// The proxy renews a session cookie at most once a minute (session-renewal.ts): a cookie issued
// just now is left alone, an older one, a tampered one or one split in chunks is renewed (or
// cleared) by next-auth, and a request without a session cookie has nothing to renew.
import { describe, expect, it } from "vitest";
import { RENEW_AFTER_SECONDS, sessionCookieName, sessionRenewal } from "./session-renewal";
import { encodeSessionToken } from "./session-token";

const secret = "a-secret-of-at-least-thirty-two-characters";
const name = sessionCookieName(true);
const options = { secret, secure: true };
const cookieNow = async () => ({
  name,
  value: await encodeSessionToken({ token: { sub: "u" }, secret, salt: name, maxAge: 1800 }),
});

describe("session renewal", () => {
  it("leaves a cookie issued less than a minute ago, renews it after that", async () => {
    const cookie = await cookieNow();
    const now = Math.floor(Date.now() / 1000);
    expect(await sessionRenewal([cookie], { ...options, nowSeconds: now })).toBe("fresh");
    expect(await sessionRenewal([cookie], { ...options, nowSeconds: now + RENEW_AFTER_SECONDS - 2 })).toBe(
      "fresh",
    );
    expect(await sessionRenewal([cookie], { ...options, nowSeconds: now + RENEW_AFTER_SECONDS })).toBe("due");
  });

  it("hands a tampered, foreign or chunked cookie to next-auth", async () => {
    const cookie = await cookieNow();
    expect(await sessionRenewal([{ name, value: `${cookie.value}x` }], options)).toBe("due");
    expect(await sessionRenewal([cookie], { ...options, secret: `${secret}!` })).toBe("due");
    expect(
      await sessionRenewal(
        [
          { name: `${name}.0`, value: "a" },
          { name: `${name}.1`, value: "b" },
        ],
        options,
      ),
    ).toBe("due");
  });

  it("has nothing to renew without a session cookie, or with the other scheme's name", async () => {
    expect(await sessionRenewal([], options)).toBe("none");
    expect(await sessionRenewal([{ name: "other", value: "1" }], options)).toBe("none");
    expect(await sessionRenewal([await cookieNow()], { ...options, secure: false })).toBe("none");
  });
});
