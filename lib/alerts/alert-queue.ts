import "server-only";
import type { PgBoss } from "pg-boss";
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

/** The delivery's id is the job id, so a delivery is queued once however often this is called. */
export async function enqueueAlertDeliveries(deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  const boss = await getBoss();
  await ensureAlertQueue(boss);
  for (const deliveryId of deliveryIds) {
    await boss.send(ALERT_QUEUE, { deliveryId } satisfies AlertJob, { id: deliveryId });
  }
}
