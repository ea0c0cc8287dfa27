// The worker process: works the workflow queue and sweeps for requests whose workflow is not
// running anywhere (after a crash, or an approval whose enqueue was lost). Run as many copies as
// you like: a PostgreSQL advisory lock per request keeps each workflow on one worker at a time.

import { ALERT_QUEUE, ALERT_WORK_OPTIONS, type AlertJob, ensureAlertQueue } from "@/lib/alerts/alert-queue";
import { deliverAlert } from "@/lib/alerts/deliver-alert";
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { getBoss, stopBoss, WORKFLOW_QUEUE, type WorkflowJob, workflowJobSchema } from "@/lib/queue/boss";
import { startTunnelPoller } from "@/lib/tunnels/run-tunnel-poller";

const log = (line: string) => console.log(`[worker ${process.pid}] ${line}`);
const inFlight = new Set<string>();
let stopping = false;

async function run(requestId: string) {
  if (inFlight.has(requestId)) return;
  inFlight.add(requestId);
  try {
    const outcome = await runWorkflow(requestId, log);
    if (outcome !== "busy" && outcome !== "nothing-to-do") log(`${requestId}: ${outcome}`);
  } finally {
    inFlight.delete(requestId);
  }
}

async function sweep() {
  if (stopping) return;
  const pending = await db.vpnRequest.findMany({
    where: { status: { in: ["APPROVED", "PROVISIONING", "DECOMMISSIONING"] } },
    select: { id: true },
    orderBy: { statusChangedAt: "asc" },
    take: 50,
  });
  for (const { id } of pending) {
    if (inFlight.size >= getEnv().WORKER_CONCURRENCY) break;
    void run(id).catch((error) => log(`${id}: sweep run failed: ${String(error)}`));
  }
}

async function main() {
  const env = getEnv();
  const boss = await getBoss({ worker: true });
  await boss.work<WorkflowJob>(
    WORKFLOW_QUEUE,
    { pollingIntervalSeconds: 1, localConcurrency: env.WORKER_CONCURRENCY },
    async (jobs) => {
      for (const job of jobs) {
        const payload = workflowJobSchema.safeParse(job.data);
        if (!payload.success) {
          log(`job ${job.id}: malformed payload, dropped (${payload.error.issues[0]?.message ?? "invalid"})`);
          continue;
        }
        await run(payload.data.requestId);
      }
    },
  );
  const timer = setInterval(
    () => void sweep().catch((error) => log(`sweep failed: ${String(error)}`)),
    env.WORKER_SWEEP_INTERVAL_MS,
  );
  await sweep();
  // Tunnel state (issue 5): the poller runs in one worker at a time (advisory lock); every worker
  // sends alert deliveries, which pg-boss retries with backoff when a send fails.
  await ensureAlertQueue(boss);
  await boss.work<AlertJob>(ALERT_QUEUE, ALERT_WORK_OPTIONS, async (jobs) => {
    for (const job of jobs) await deliverAlert(job.data.deliveryId);
  });
  const poller = startTunnelPoller(log);
  log("ready: working the provisioning queue");

  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await poller.stop();
    log("stopping: finishing the steps in progress");
    await stopBoss().catch(() => {});
    const deadline = Date.now() + 20_000;
    while (inFlight.size > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
}

main().catch((error) => {
  console.error(`[worker ${process.pid}] failed to start:`, error);
  process.exit(1);
});
