import type { PgBoss } from "pg-boss";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineJob, type JobContext } from "./define-job";
import { workflowJob } from "./registry";
import { sendJob } from "./send-job";
import { workJobs } from "./work-jobs";

beforeAll(() => {
  // workJobs reads the worker options from the environment; nothing here connects to it.
  vi.stubEnv("DATABASE_URL", "postgresql://localhost:5432/unused");
  vi.stubEnv("AUTH_SECRET", "x".repeat(32));
  vi.stubEnv("LOG_LEVEL", "silent");
});

type Handler = (jobs: { id: string; data: unknown }[]) => Promise<unknown>;

function fakeBoss() {
  const handlers = new Map<string, Handler>();
  const boss = {
    work: async (name: string, _options: unknown, handler: Handler) => {
      handlers.set(name, handler);
      return name;
    },
  } as unknown as PgBoss;
  return { boss, handlers };
}

describe("working registered jobs", () => {
  const id = "3f2b1c4e-8d7a-4b6c-9e5f-0a1b2c3d4e5f";
  const received: { payload: unknown; context: JobContext }[] = [];
  const echo = defineJob({
    name: "echo",
    payload: z.object({ requestId: z.uuid() }),
    queue: () => ({}),
    work: () => ({ localConcurrency: 1, pollingIntervalSeconds: 1 }),
    handler: async (payload, context) => {
      received.push({ payload, context });
    },
  });

  it("hands the handler a checked payload, the job id and the sender's correlation ID", async () => {
    const { boss, handlers } = fakeBoss();
    await workJobs(boss, [echo]);
    await handlers.get("echo")?.([{ id: "job-1", data: { requestId: id, correlationId: "action-7" } }]);
    expect(received.at(-1)?.payload).toEqual({ requestId: id });
    expect(received.at(-1)?.context).toMatchObject({ jobId: "job-1", correlationId: "action-7" });
  });

  it("uses the job id as the correlation ID when the sender gave none", async () => {
    const { boss, handlers } = fakeBoss();
    await workJobs(boss, [echo]);
    await handlers.get("echo")?.([{ id: "job-2", data: { requestId: id } }]);
    expect(received.at(-1)?.context.correlationId).toBe("job-2");
  });

  it("drops a malformed payload without running the handler or failing the batch", async () => {
    const { boss, handlers } = fakeBoss();
    await workJobs(boss, [echo]);
    const before = received.length;
    await expect(
      handlers.get("echo")?.([{ id: "job-3", data: { requestId: "nope" } }]),
    ).resolves.not.toThrow();
    expect(received.length).toBe(before);
  });

  it("refuses to send a payload that fails the job's schema", async () => {
    await expect(sendJob(workflowJob, { requestId: "not-a-uuid" })).rejects.toThrow(/UUID/i);
  });
});
