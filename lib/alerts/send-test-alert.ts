import "server-only";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Queues a "test" alert to every configured destination, so a customer can check their receiver. */
export async function sendTestAlert(organizationId: string): Promise<{ channels: number }> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true, notificationEmails: true, webhookUrl: true },
  });
  const sentAt = new Date();
  const body = {
    kind: "test",
    organizationId,
    sentAt: sentAt.toISOString(),
    message: "Test alert from the Site-to-Site VPN portal: if you can read this, alerts reach you.",
  };
  const stored: StoredAlert = {
    subject: `[VPN] Test alert for ${org.name}`,
    text: `${body.message}\n\nReal alerts say which tunnel went down or came up, why, and what to do.`,
    body,
  };
  const base = {
    organizationId,
    kind: "test",
    payload: stored as unknown as Prisma.InputJsonValue,
    createdAt: sentAt,
  };
  const rows: Prisma.AlertDeliveryCreateManyInput[] = [];
  if (org.notificationEmails.length > 0)
    rows.push({ ...base, channel: "EMAIL", target: org.notificationEmails.join(", ") });
  if (org.webhookUrl) rows.push({ ...base, channel: "WEBHOOK", target: org.webhookUrl });
  if (rows.length === 0) throw new UserFacingError("Add an email address or a webhook URL first, then save.");
  const created = await db.alertDelivery.createManyAndReturn({ data: rows, select: { id: true } });
  await enqueueAlertDeliveries(created.map((row) => row.id));
  return { channels: rows.length };
}
