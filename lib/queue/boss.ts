// The job queue: pg-boss on the portal's own PostgreSQL (schema "pgboss"). The web app only sends;
// the worker (worker/main.ts) also works the queues and runs pg-boss's supervision. Every queue is
// created here at start from the job registry (lib/jobs/registry.ts), so no sender has to ensure one.
import "server-only";
import { PgBoss } from "pg-boss";
import { getEnv } from "@/lib/env";
import { JOBS } from "@/lib/jobs/registry";
import { getLogger } from "@/lib/log";

let started: Promise<PgBoss> | undefined;

export function getBoss(options: { worker?: boolean } = {}): Promise<PgBoss> {
  started ??= (async () => {
    const env = getEnv();
    const boss = new PgBoss({
      connectionString: env.DATABASE_URL,
      schema: "pgboss",
      max: 4,
      supervise: options.worker ?? false,
      schedule: options.worker ?? false,
    });
    boss.on("error", (error) => getLogger().error({ err: error }, "pg-boss error"));
    await boss.start();
    for (const job of JOBS) {
      if (await boss.getQueue(job.name)) continue;
      await boss.createQueue(job.name, { policy: "standard", ...job.queue(env) }).catch(async (error) => {
        if (!(await boss.getQueue(job.name))) throw error; // another process created it first
      });
    }
    return boss;
  })();
  // A failed start is not cached: the next send tries again (the sweep covers what was lost).
  started.catch(() => {
    started = undefined;
  });
  return started;
}

export async function stopBoss() {
  const boss = await started;
  started = undefined;
  await boss?.stop({ graceful: true, timeout: 5000 });
}
