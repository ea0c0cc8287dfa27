import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./sign-webhook";

describe("webhook signatures", () => {
  const secret = "whsec_test_0123456789abcdef";
  const body = JSON.stringify({ kind: "tunnel.down" });

  it("is HMAC-SHA256 over timestamp.body, hex, prefixed sha256=", () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhook(secret, 1700000000, body)).toBe(`sha256=${expected}`);
  });

  it("verifies a fresh signature and refuses a changed body, a wrong secret or an old timestamp", () => {
    const now = 1700000000;
    const signature = signWebhook(secret, now, body);
    expect(verifyWebhook({ secret, body, signature, timestamp: String(now), nowSeconds: now + 10 })).toEqual({
      ok: true,
    });
    expect(
      verifyWebhook({ secret, body: `${body} `, signature, timestamp: String(now), nowSeconds: now }).ok,
    ).toBe(false);
    expect(
      verifyWebhook({
        secret: "other-secret-123456",
        body,
        signature,
        timestamp: String(now),
        nowSeconds: now,
      }).ok,
    ).toBe(false);
    expect(verifyWebhook({ secret, body, signature, timestamp: String(now), nowSeconds: now + 301 })).toEqual(
      {
        ok: false,
        reason: "timestamp outside the tolerance (replay?)",
      },
    );
    expect(verifyWebhook({ secret, body, signature, timestamp: null, nowSeconds: now }).ok).toBe(false);
  });
});
