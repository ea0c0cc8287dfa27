// Webhook signatures: HMAC-SHA256 with the organization's secret over "<timestamp>.<raw body>",
// sent as `X-Portal-Signature: sha256=<hex>` with `X-Portal-Timestamp: <unix seconds>`. Signing
// the timestamp with the body lets a receiver refuse replays (reject timestamps older than 5 min).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Portal-Signature";
export const TIMESTAMP_HEADER = "X-Portal-Timestamp";
export const DELIVERY_HEADER = "X-Portal-Delivery";
const REPLAY_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (used by the tests, and the reference for customers' receivers). */
export function verifyWebhook(input: {
  secret: string;
  body: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  nowSeconds?: number;
}): { ok: true } | { ok: false; reason: string } {
  const timestamp = Number(input.timestamp);
  if (!input.timestamp || !Number.isInteger(timestamp))
    return { ok: false, reason: "missing or malformed timestamp" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > REPLAY_TOLERANCE_SECONDS)
    return { ok: false, reason: "timestamp outside the tolerance (replay?)" };
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body));
  const given = Buffer.from(input.signature ?? "");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}
