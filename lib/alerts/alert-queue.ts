import "server-only";
import type { PgBoss } from "pg-boss";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getBoss } from "@/lib/queue/boss";

/** One job per AlertDelivery row; pg-boss retries a failed send with exponential backoff. */
export const ALERT_QUEUE = "tunnel-alert";
export type AlertJob = { deliveryId: string };

const ensured = new WeakSet<PgBoss>();

export async function ensureAlertQueue(boss: PgBoss): Promise<void> {
  if (ensured.has(boss)) return;
  if (!(await boss.getQueue(ALERT_QUEUE))) {
    await boss
      .createQueue(ALERT_QUEUE, {
        policy: "standard",
        retryLimit: getEnv().ALERT_RETRY_LIMIT,
        retryDelay: 2,
        retryBackoff: true,
        retryDelayMax: 600,
      })
      .catch(async (error) => {
        if (!(await boss.getQueue(ALERT_QUEUE))) throw error; // another process created it first
      });
  }
  ensured.add(boss);
}

/**
 * How workers take alert jobs. Fairness between organizations (issue 10): each job belongs to its
 * organization's group, and pg-boss runs at most one job per group at a time across all workers,
 * so one organization's slow or tarpitting webhook holds one slot, never everyone's alerts.
 */
export const ALERT_WORK_OPTIONS = {
  pollingIntervalSeconds: 1,
  localConcurrency: 2,
  groupConcurrency: 1,
} as const;

/** The delivery's id is the job id, so a delivery is queued once however often this is called. */
export async function enqueueAlertDeliveries(deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const boss = await getBoss();
  await ensureAlertQueue(boss);
  const deliveries = await db.alertDelivery.findMany({
    where: { id: { in: [...deliveryIds] } },
    select: { id: true, organizationId: true },
  });
  for (const delivery of deliveries) {
    await boss.send(ALERT_QUEUE, { deliveryId: delivery.id } satisfies AlertJob, {
      id: delivery.id,
      group: { id: delivery.organizationId },
    });
  }
}
