import "server-only";
import nodemailer from "nodemailer";
import {
  formatDeliveryError,
  postWebhook,
  type Resolver,
  type WebhookFailure,
} from "@/lib/alerts/post-webhook";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "@/lib/alerts/sign-webhook";
import { releaseWebhookLease, takeWebhookLease } from "@/lib/alerts/webhook-lease";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { AlertDelivery } from "@/lib/generated/prisma/client";
import { openWebhookSecret } from "@/lib/organizations/webhook-secret";

/** What an AlertDelivery row's payload holds: the message for email, the JSON body for webhooks. */
export type StoredAlert = { subject: string; text: string; body: unknown };

let transport: nodemailer.Transporter | undefined;

function mailer(): nodemailer.Transporter {
  const url = getEnv().SMTP_URL;
  if (!url)
    throw new Error(
      "SMTP_URL is not set, so alert email cannot be sent (npm start points it at the local mail catcher).",
    );
  transport ??= nodemailer.createTransport(url);
  return transport;
}

/** "busy": another of the organization's webhooks is in flight; nothing was sent or counted. */
export type DeliveryOutcome = "delivered" | "failed" | "skipped" | "busy";

/**
 * Sends one delivery and records the attempt. Throws when the send failed and retries remain, so
 * the queue retries it with backoff; after the last attempt the row is FAILED with the error. A
 * webhook is sent only under its organization's lease (lib/alerts/webhook-lease.ts): while
 * another of the organization's webhooks is in flight this returns "busy", and the alert job
 * queues the delivery again a little later.
 */
export async function deliverAlert(deliveryId: string): Promise<DeliveryOutcome> {
  const delivery = await db.alertDelivery.findUnique({ where: { id: deliveryId } });
  if (delivery?.status !== "PENDING") return "skipped";
  if (delivery.channel === "EMAIL") return attemptDelivery(delivery);
  const { organizationId } = delivery;
  if (!(await takeWebhookLease(organizationId, deliveryId, getEnv().ALERT_WEBHOOK_TIMEOUT_MS))) return "busy";
  try {
    return await attemptDelivery(delivery);
  } finally {
    await releaseWebhookLease(organizationId, deliveryId);
  }
}

async function attemptDelivery(delivery: AlertDelivery): Promise<DeliveryOutcome> {
  const deliveryId = delivery.id;
  const attempts = delivery.attempts + 1;
  await db.alertDelivery.update({ where: { id: deliveryId }, data: { attempts } });
  const stored = delivery.payload as StoredAlert;
  try {
    if (delivery.channel === "EMAIL") {
      await mailer().sendMail({
        from: getEnv().ALERT_FROM,
        to: delivery.target,
        subject: stored.subject,
        text: stored.text,
      });
    } else {
      const org = await db.organization.findUniqueOrThrow({
        where: { id: delivery.organizationId },
        select: { webhookSecretEncrypted: true },
      });
      if (!org.webhookSecretEncrypted)
        throw new Error("The organization has no webhook secret; set one in the settings.");
      const secret = openWebhookSecret(delivery.organizationId, org.webhookSecretEncrypted);
      const body = JSON.stringify(stored.body);
      const timestamp = Math.floor(Date.now() / 1000);
      // Checked here, at delivery, on the address actually connected (lib/alerts/post-webhook.ts).
      const outcome = await postWebhook(delivery.target, {
        headers: {
          "content-type": "application/json",
          "user-agent": "site-to-site-vpn-portal/alerts",
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
          [TIMESTAMP_HEADER]: String(timestamp),
          [DELIVERY_HEADER]: delivery.id,
        },
        body,
        timeoutMs: getEnv().ALERT_WEBHOOK_TIMEOUT_MS,
        allowLocal: getEnv().ALLOW_LOCAL_WEBHOOKS,
        resolver: webhookResolver,
      });
      if (!outcome.ok) throw new DeliveryError(outcome);
    }
    await db.alertDelivery.update({
      where: { id: deliveryId },
      data: { status: "DELIVERED", deliveredAt: new Date(), lastError: null },
    });
    return "delivered";
  } catch (error) {
    const message = describeSendError(error, delivery.channel);
    // A refusal (private address, not https…) will not change by retrying.
    const refused = error instanceof DeliveryError && error.failure.errorClass.startsWith("refused");
    const final = refused || attempts > getEnv().ALERT_RETRY_LIMIT;
    await db.alertDelivery.update({
      where: { id: deliveryId },
      data: { lastError: message, ...(final ? { status: "FAILED" } : {}) },
    });
    if (final) return "failed";
    throw new Error(`delivery ${deliveryId} attempt ${attempts}: ${message}`);
  }
}

/** A refused or failed webhook: its class is what the customer sees, the detail is for staff. */
class DeliveryError extends Error {
  constructor(readonly failure: WebhookFailure) {
    super(formatDeliveryError(failure));
  }
}

// Tests put a resolver of their own here (names resolving wherever the test says).
let webhookResolver: Resolver | undefined;
export function setWebhookResolverForTests(resolver: Resolver | undefined) {
  webhookResolver = resolver;
}

function describeSendError(error: unknown, channel: "EMAIL" | "WEBHOOK"): string {
  if (error instanceof DeliveryError) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : "";
    const errorClass = channel === "EMAIL" ? "email not accepted" : "not sent";
    return `${errorClass} — ${error.message}${cause}`.slice(0, 500);
  }
  return String(error).slice(0, 500);
}
