import "server-only";
import { db } from "@/lib/db";
import { alertDeliveryJob } from "@/lib/jobs/registry";
import { sendJob } from "@/lib/jobs/send-job";

/** The delivery's id is the job id, so a delivery is queued once however often this is called. */
export async function enqueueAlertDeliveries(
  deliveryIds: readonly string[],
  options: { correlationId?: string } = {},
): Promise<void> {
  for (const deliveryId of deliveryIds) {
    await sendJob(alertDeliveryJob, { deliveryId }, { id: deliveryId, correlationId: options.correlationId });
  }
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
