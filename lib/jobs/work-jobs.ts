import "server-only";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { CORRELATION_KEY, type JobDefinition } from "@/lib/jobs/define-job";
import { JOBS } from "@/lib/jobs/registry";
import { getLogger, withLogContext } from "@/lib/log";

const correlation = z.object({ [CORRELATION_KEY]: z.string().min(1).max(200).optional() });

/**
 * Works every registered queue in this process. A payload that fails its schema (an old or foreign
 * row) is logged and dropped, never retried: a retry cannot make it valid.
 */
export async function workJobs(boss: PgBoss, jobs: readonly JobDefinition[] = JOBS): Promise<void> {
  const env = getEnv();
  for (const definition of jobs) {
    await boss.work<unknown>(definition.name, definition.work(env), async (batch) => {
      for (const job of batch) {
        const payload = definition.payload.safeParse(job.data);
        if (!payload.success) {
          const reason = payload.error.issues[0]?.message ?? "invalid";
          getLogger().warn({ job: definition.name, jobId: job.id, reason }, "malformed job payload, dropped");
          continue;
        }
        const sent = correlation.safeParse(job.data);
        const correlationId = (sent.success ? sent.data[CORRELATION_KEY] : undefined) ?? job.id;
        await withLogContext({ correlationId, job: definition.name, jobId: job.id }, () =>
          definition.handler(payload.data, { jobId: job.id, correlationId, logger: getLogger() }),
        );
      }
    });
  }
}
