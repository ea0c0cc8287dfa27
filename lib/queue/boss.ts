// The job queue: pg-boss on the portal's own PostgreSQL (schema "pgboss"). The web app only sends;
// the worker (worker/main.ts) also works the queues and runs pg-boss's supervision.
import { createHash } from "node:crypto";
import { PgBoss } from "pg-boss";
import { z } from "zod";
import { getEnv } from "@/lib/env";

export const WORKFLOW_QUEUE = "vpn-workflow";

/** The workflow job's payload, checked when a worker takes a job (a queue is a trust boundary). */
export const workflowJobSchema = z.object({ requestId: z.uuid() });
export type WorkflowJob = z.infer<typeof workflowJobSchema>;

let started: Promise<PgBoss> | undefined;

export function getBoss(options: { worker?: boolean } = {}): Promise<PgBoss> {
  started ??= (async () => {
    const boss = new PgBoss({
      connectionString: getEnv().DATABASE_URL,
      schema: "pgboss",
      max: 4,
      supervise: options.worker ?? false,
      schedule: options.worker ?? false,
    });
    boss.on("error", (error) => console.error("[queue]", error));
    await boss.start();
    if (!(await boss.getQueue(WORKFLOW_QUEUE))) {
      await boss
        .createQueue(WORKFLOW_QUEUE, {
          policy: "standard",
          retryLimit: 50,
          retryDelay: 2,
          retryBackoff: true,
          retryDelayMax: 60,
        })
        .catch(async (error) => {
          if (!(await boss.getQueue(WORKFLOW_QUEUE))) throw error; // another process created it first
        });
    }
    return boss;
  })();
  return started;
}

export async function stopBoss() {
  const boss = await started;
  started = undefined;
  await boss?.stop({ graceful: true, timeout: 5000 });
}

/** A UUID derived from a key, so sending the same job twice inserts it once. */
export function jobIdFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Asks a worker to run the request's workflow. `phase` names the transition that asked (e.g. the
 * approval time), so the job key is deterministic: repeated sends of one phase make one job.
 */
export async function enqueueWorkflow(requestId: string, phase: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(WORKFLOW_QUEUE, { requestId } satisfies WorkflowJob, {
    id: jobIdFor(`${requestId}:${phase}`),
  });
}
