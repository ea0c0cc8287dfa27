import "server-only";
import { db } from "@/lib/db";
import { alertDeliveryJob } from "@/lib/jobs/registry";
import { sendJob } from "@/lib/jobs/send-job";

/**
 * The delivery's id is the job id, so a delivery is queued once however often this is called; its
 * organization is the job's group (fairness, see the job definition).
 */
export async function enqueueAlertDeliveries(
  deliveryIds: readonly string[],
  options: { correlationId?: string } = {},
): Promise<void> {
  if (deliveryIds.length === 0) return;
  const deliveries = await db.alertDelivery.findMany({
    where: { id: { in: [...deliveryIds] } },
    select: { id: true, organizationId: true },
  });
  for (const delivery of deliveries) {
    await sendJob(
      alertDeliveryJob,
      { deliveryId: delivery.id },
      { id: delivery.id, correlationId: options.correlationId, group: delivery.organizationId },
    );
  }
}

/** Seconds before a delivery whose organization had another webhook in flight is tried again. */
const BUSY_RETRY_SECONDS = 2;

/**
 * Queues a delivery again a little later because another of its organization's webhooks was in
 * flight (deliverAlert said "busy"): a new job, its id derived from the job that found the
 * organization busy, so the same job handled twice queues one. The retry budget is untouched:
 * nothing was sent.
 */
export async function requeueBusyAlertDelivery(deliveryId: string, jobId: string): Promise<void> {
  const delivery = await db.alertDelivery.findUnique({
    where: { id: deliveryId },
    select: { organizationId: true },
  });
  if (!delivery) return;
  await sendJob(
    alertDeliveryJob,
    { deliveryId },
    { key: `${jobId}:busy`, group: delivery.organizationId, startAfterSeconds: BUSY_RETRY_SECONDS },
  );
}

/**
 * The sweep's part for alerts: deliveries whose enqueue was lost (a crash between the write and
 * the send) are queued again. One still queued is not duplicated (same job id).
 */
export async function requeueLostAlertDeliveries(now = new Date()): Promise<number> {
  const lost = await db.alertDelivery.findMany({
    where: { status: "PENDING", attempts: 0, createdAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
    take: 100,
  });
  await enqueueAlertDeliveries(lost.map((row) => row.id));
  return lost.length;
}
