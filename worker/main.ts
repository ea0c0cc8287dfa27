// The worker process: works every queue of the job registry (lib/jobs/registry.ts), runs the one
// sweep, and runs the tunnel poller. Run as many copies as you like: a PostgreSQL advisory lock
// per request keeps each workflow on one worker at a time, and one per poller keeps one poller.

import { requeueLostAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { workJobs } from "@/lib/jobs/work-jobs";
import { getLogger, initLogger, withLogContext } from "@/lib/log";
import { countWorkflowsInFlight, runWorkflowOnce } from "@/lib/provisioning/run-workflow-once";
import { getBoss, stopBoss } from "@/lib/queue/boss";
import { startTunnelPoller } from "@/lib/tunnels/run-tunnel-poller";
import { countChangesInFlight, runVpnChangeOnce } from "@/lib/vpn-change/run-vpn-change-once";
import { WORKFLOW_DUE_STATUSES } from "@/lib/vpn-request/lifecycle";

// JSON lines (pino): inside a job, sweep or poll cycle they carry its correlation ID.
const log = (line: string) => getLogger().info(line);
let stopping = false;

/**
 * The sweep: the one way work a send lost is found again (see lib/jobs/registry.ts). The database
 * rows are the truth: requests whose status needs a workflow that no worker is running (after a
 * crash, or an approval whose enqueue was lost) are run here directly, within seconds rather than
 * after pg-boss's expiry; so are day-2 changes left PENDING or RUNNING; alert deliveries never sent
 * are queued again.
 */
async function sweep() {
  if (stopping) return;
  const pending = await db.vpnRequest.findMany({
    where: { status: { in: [...WORKFLOW_DUE_STATUSES] } },
    select: { id: true },
    orderBy: { statusChangedAt: "asc" },
    take: 50,
  });
  for (const { id } of pending) {
    if (countWorkflowsInFlight() >= getEnv().WORKER_CONCURRENCY) break;
    void runWorkflowOnce(id, log).catch((error) => log(`${id}: sweep run failed: ${String(error)}`));
  }
  // Day-2 changes (decision 022) a send lost or a killed worker left half done.
  const changes = await db.vpnChange.findMany({
    where: { status: { in: ["PENDING", "RUNNING"] } },
    select: { requestId: true },
    orderBy: { requestedAt: "asc" },
    take: 50,
  });
  for (const { requestId } of changes) {
    if (countChangesInFlight() >= getEnv().WORKER_CONCURRENCY) break;
    void runVpnChangeOnce(requestId, log).catch((error) =>
      log(`${requestId}: sweep run of a change failed: ${String(error)}`),
    );
  }
  const requeued = await requeueLostAlertDeliveries();
  if (requeued > 0) log(`sweep: queued ${requeued} alert deliveries again`);
}

async function main() {
  const env = getEnv();
  initLogger("worker");
  const boss = await getBoss({ worker: true });
  await workJobs(boss);
  const timer = setInterval(
    () =>
      void withLogContext({ task: "sweep" }, sweep).catch((error) => log(`sweep failed: ${String(error)}`)),
    env.WORKER_SWEEP_INTERVAL_MS,
  );
  await withLogContext({ task: "sweep" }, sweep);
  // Tunnel state (issue 5): the poller runs in one worker at a time (advisory lock).
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
    while (countWorkflowsInFlight() + countChangesInFlight() > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await disconnectDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown());
  process.on("SIGINT", () => void shutdown());
}

main().catch((error) => {
  try {
    getLogger().fatal({ err: error }, "worker failed to start");
  } catch {
    console.error("worker failed to start:", error); // e.g. the environment itself is invalid
  }
  process.exit(1);
});
