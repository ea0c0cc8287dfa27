import "server-only";
import { buildAlertDeliveries } from "@/lib/alerts/build-alert-deliveries";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import type { OrganizationScope } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { consumePoint, createLimiter } from "@/lib/security/rate-limit";

let testAlertLimiter: ReturnType<typeof createLimiter> | undefined;
const limiter = () =>
  (testAlertLimiter ??= createLimiter({
    keyPrefix: "test-alert",
    points: getEnv().TEST_ALERTS_PER_HOUR,
    durationSeconds: 60 * 60,
  }));

/** Queues a "test" alert to every configured destination, so a customer can check their receiver. */
export async function sendTestAlert({ organizationId }: OrganizationScope): Promise<{ channels: number }> {
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
  const rows = await buildAlertDeliveries({ organizationId, kind: "test", stored, createdAt: sentAt }, org);
  if (rows.length === 0 && org.notificationEmails.length > 0)
    throw new UserFacingError(
      "No alert address is confirmed yet: open the confirmation link mailed to each address, then send the test again.",
    );
  if (rows.length === 0) throw new UserFacingError("Add an email address or a webhook URL first, then save.");
  // Each click sends mail and an outbound request: limited per organization (issue 10).
  const allowed = await consumePoint(limiter(), organizationId);
  if (!allowed.allowed) {
    throw new UserFacingError(
      `At most ${getEnv().TEST_ALERTS_PER_HOUR} test alerts an hour per organization; try again in ${Math.ceil(allowed.retryAfterSeconds / 60)} minute(s).`,
    );
  }
  const created = await db.alertDelivery.createManyAndReturn({ data: rows, select: { id: true } });
  await enqueueAlertDeliveries(created.map((row) => row.id));
  return { channels: rows.length };
}
