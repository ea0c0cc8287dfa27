// The one shape of a background job: a name (the pg-boss queue), a zod payload checked when the job
// is sent and again when a worker takes it (a queue is a trust boundary: old or foreign rows),
// the queue's retry policy, how a worker works it, and the handler. Every definition is listed in
// lib/jobs/registry.ts; nothing else creates a queue, sends a job or works one.
import { createHash } from "node:crypto";
import type { QueueOptions } from "pg-boss";
import type { z } from "zod";
import type { Env } from "@/lib/env";
import type { Logger } from "@/lib/log";

/** What a handler gets besides its payload. */
export type JobContext = {
  jobId: string;
  /** The sender's correlation ID (an action's, say), or the job's id when it had none. */
  correlationId: string;
  /** Bound to the job and its correlation ID (as is getLogger() anywhere inside the handler). */
  logger: Logger;
};

export type JobDefinition<Payload extends z.ZodType = z.ZodType> = {
  /** The pg-boss queue name; never rename a shipped one (jobs already queued carry it). */
  name: string;
  payload: Payload;
  /** Retry policy of the queue, fixed when the queue is first created. */
  queue(env: Env): QueueOptions;
  /** How each worker process works the queue. */
  work(env: Env): { localConcurrency: number; pollingIntervalSeconds: number };
  /**
   * Does the job. Throwing fails the attempt and pg-boss retries it by the queue's policy. Handlers
   * import their domain lazily, so sending a job loads no worker code (the web app sends).
   */
  handler(payload: z.output<Payload>, context: JobContext): Promise<void>;
};

export function defineJob<Payload extends z.ZodType>(
  definition: JobDefinition<Payload>,
): JobDefinition<Payload> {
  return definition;
}

/** The key the correlation ID travels under in a job's data, beside the payload's own fields. */
export const CORRELATION_KEY = "correlationId";

/** A UUID derived from a key, so sending the same job twice inserts it once. */
export function jobIdFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
