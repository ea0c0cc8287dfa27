import pg from "pg";
import { getEnv } from "@/lib/env";

/**
 * Runs `work` while holding a PostgreSQL advisory lock for the request, on a connection of its
 * own: two workers never run one request's workflow (or day-2 change) at once, and a worker that
 * dies (even by SIGKILL) releases the lock with its connection, so another can resume at once.
 * "busy": another worker holds it, and `work` did not run.
 */
export async function withWorkflowLock<T>(requestId: string, work: () => Promise<T>): Promise<T | "busy"> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  try {
    const key = `vpn-workflow:${requestId}`;
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
      [key],
    );
    if (!rows[0]?.locked) return "busy";
    try {
      return await work();
    } finally {
      await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A request's run (its workflow, its day-2 change) under its lock: what the worker calls. "busy":
 * another worker is running it.
 */
export function underWorkflowLock<T>(run: (requestId: string, log: (line: string) => void) => Promise<T>) {
  return (requestId: string, log: (line: string) => void = () => {}): Promise<T | "busy"> =>
    withWorkflowLock(requestId, () => run(requestId, log));
}
