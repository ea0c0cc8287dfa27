// The session token (session-token.ts) is next-auth's format: tokens pass both ways between it and
// next-auth's own encode/decode, secret rotation works the same way, and a wrong secret, another
// cookie name or an expired token opens nothing.
import { decode, encode } from "@auth/core/jwt";
import { describe, expect, it, vi } from "vitest";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

const secret = "a-secret-of-at-least-thirty-two-characters";
const salt = "__Secure-authjs.session-token";
const token = { sub: "2f4e0c1a-6b7d-4e8f-9a0b-1c2d3e4f5a6b", name: "Ann", sv: 2, mfa: true };

describe("session token", () => {
  it("opens next-auth's tokens, and next-auth opens its tokens", async () => {
    expect(
      await decodeSessionToken({ token: await encode({ token, secret, salt }), secret, salt }),
    ).toMatchObject(token);
    expect(
      await decode({ token: await encodeSessionToken({ token, secret, salt }), secret, salt }),
    ).toMatchObject(token);
  });

  it("sets the same header, expiry and a fresh jti as next-auth", async () => {
    const ours = await encodeSessionToken({ token, secret, salt, maxAge: 60 });
    const theirs = await encode({ token, secret, salt, maxAge: 60 });
    const header = (jwe: string) => JSON.parse(Buffer.from(jwe.split(".")[0] ?? "", "base64url").toString());
    expect(header(ours)).toEqual(header(theirs));
    const a = await decode({ token: ours, secret, salt });
    const b = await decode({
      token: await encodeSessionToken({ token, secret, salt, maxAge: 60 }),
      secret,
      salt,
    });
    expect(Math.abs(Number(a?.exp) - (Math.floor(Date.now() / 1000) + 60))).toBeLessThanOrEqual(1);
    expect(a?.jti).not.toBe(b?.jti);
  });

  it("accepts a token of an older secret during rotation, newest first", async () => {
    const old = await encode({ token, secret, salt });
    expect(
      await decodeSessionToken({ token: old, secret: ["the-newer-secret-of-32-characters!!", secret], salt }),
    ).toMatchObject(token);
  });

  it("opens nothing with another secret, another cookie name, or once expired", async () => {
    const jwe = await encodeSessionToken({ token, secret, salt });
    await expect(decodeSessionToken({ token: jwe, secret: `${secret}x`, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: jwe, secret, salt: "authjs.session-token" })).rejects.toThrow();
    const expired = await encodeSessionToken({ token, secret, salt, maxAge: -60 });
    await expect(decodeSessionToken({ token: expired, secret, salt })).rejects.toThrow();
    expect(await decodeSessionToken({ token: "", secret, salt })).toBeNull();
  });
});

describe("session token, opened again", () => {
  it("answers a token it opened before without decrypting it, until it expires", async () => {
    const jwe = await encodeSessionToken({ token, secret, salt, maxAge: 60 });
    const first = await decodeSessionToken({ token: jwe, secret, salt });
    // A copy each time: a caller that changes the payload does not change the next answer.
    if (first) first.name = "changed";
    expect(await decodeSessionToken({ token: jwe, secret, salt })).toMatchObject(token);
    // Remembered per secret and cookie name: another secret still opens nothing.
    await expect(decodeSessionToken({ token: jwe, secret: `${secret}x`, salt })).rejects.toThrow();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 76_000 });
    try {
      await expect(decodeSessionToken({ token: jwe, secret, salt })).rejects.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });
});
