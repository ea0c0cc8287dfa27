import "server-only";
import type { z } from "zod";
import { CORRELATION_KEY, type JobDefinition, jobIdFor } from "@/lib/jobs/define-job";
import { currentCorrelationId } from "@/lib/log";
import { getBoss } from "@/lib/queue/boss";

export type SendJobOptions = {
  /** A deterministic job id (a UUID): a second send with it is the same job. */
  id?: string;
  /** Or a key the id is derived from (e.g. "<request>:<status>:<changedAt>"). */
  key?: string;
  /** Carried to the handler's log lines; by default that of the work in progress (an action's). */
  correlationId?: string;
  /** pg-boss group (e.g. the organization): with the job's groupConcurrency, fairness between groups. */
  group?: string;
  /** Not before this many seconds from now (pg-boss's startAfter). */
  startAfterSeconds?: number;
};

/** Sends one job of a registered definition; the payload is checked here as well as on receipt. */
export async function sendJob<Payload extends z.ZodType>(
  definition: JobDefinition<Payload>,
  payload: z.input<Payload>,
  options: SendJobOptions = {},
): Promise<void> {
  const checked = definition.payload.parse(payload) as Record<string, unknown>;
  const boss = await getBoss();
  const id = options.id ?? (options.key === undefined ? undefined : jobIdFor(options.key));
  const correlationId = options.correlationId ?? currentCorrelationId();
  const data = correlationId ? { ...checked, [CORRELATION_KEY]: correlationId } : checked;
  await boss.send(definition.name, data, {
    ...(id ? { id } : {}),
    ...(options.group ? { group: { id: options.group } } : {}),
    ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
  });
}
