// Every background job of the portal, in one place (see define-job.ts for the shape). The worker
// (worker/main.ts) works every queue listed in JOBS; getBoss() creates each queue from here.
//
// How work reaches a worker, for every job: a send is the fast path, and deterministic job ids
// make repeated sends one job. Work a send can lose (a crash between the database write and the
// send, or a worker killed mid-job, which pg-boss would only hand out again after its expiry) is
// found again by the one sweep, in worker/main.ts: every WORKER_SWEEP_INTERVAL_MS each worker runs
// the workflows of requests whose status needs one, the day-2 changes still PENDING or RUNNING, and re-sends alert deliveries still PENDING
// without an attempt. The database rows are the truth; the queue only says "look now".
import "server-only";
import { z } from "zod";
import { defineJob, type JobDefinition } from "@/lib/jobs/define-job";

/**
 * A job that runs a request's work (its workflow, its day-2 change) through the runner `load`
 * imports: the request as payload, a long retry (the run resumes from its saved steps),
 * WORKER_CONCURRENCY per worker.
 */
function requestRunJob(
  name: string,
  load: () => Promise<(requestId: string, log: (line: string) => void) => Promise<void>>,
) {
  return defineJob({
    name,
    payload: z.object({ requestId: z.uuid() }),
    queue: () => ({ retryLimit: 50, retryDelay: 2, retryBackoff: true, retryDelayMax: 60 }),
    work: (env) => ({ localConcurrency: env.WORKER_CONCURRENCY, pollingIntervalSeconds: 1 }),
    handler: async ({ requestId }, { logger }) => {
      const run = await load();
      await run(requestId, (line) => logger.info(line));
    },
  });
}

/** Runs (or resumes) a request's provisioning or decommissioning workflow. */
export const workflowJob = requestRunJob(
  "vpn-workflow",
  async () => (await import("@/lib/provisioning/run-workflow-once")).runWorkflowOnce,
);

/** Runs (or resumes) a request's active day-2 change (decision 022); the job key is the change's id. */
export const vpnChangeJob = requestRunJob(
  "vpn-change",
  async () => (await import("@/lib/vpn-change/run-vpn-change-once")).runVpnChangeOnce,
);

/** Sends one AlertDelivery (email or signed webhook); the job id is the delivery id. */
export const alertDeliveryJob = defineJob({
  name: "tunnel-alert",
  payload: z.object({ deliveryId: z.uuid() }),
  queue: (env) => ({
    retryLimit: env.ALERT_RETRY_LIMIT,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 600,
  }),
  // Fairness between organizations (issue 10): one organization's slow or tarpitting webhook holds
  // one slot, never everyone's alerts. Each job belongs to its organization's group and pg-boss
  // fetches at most one job per group at a time, but two fetches at the same moment can still take
  // two; the organization's webhook lease (lib/alerts/webhook-lease.ts) is the exact rule, and a
  // delivery that finds it taken is queued again a little later.
  work: () => ({ localConcurrency: 2, pollingIntervalSeconds: 1, groupConcurrency: 1 }),
  handler: async ({ deliveryId }, { jobId }) => {
    const { deliverAlert } = await import("@/lib/alerts/deliver-alert");
    if ((await deliverAlert(deliveryId)) !== "busy") return;
    const { requeueBusyAlertDelivery } = await import("@/lib/alerts/enqueue-alert-deliveries");
    await requeueBusyAlertDelivery(deliveryId, jobId);
  },
});

export const JOBS: readonly JobDefinition[] = [workflowJob, vpnChangeJob, alertDeliveryJob];
