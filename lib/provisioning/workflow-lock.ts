import pg from "pg";
import { getEnv } from "@/lib/env";

/**
 * Runs `work` while holding a PostgreSQL advisory lock for the request, on a connection of its
 * own: two workers never run one request's workflow at once, and a worker that dies (even by
 * SIGKILL) releases the lock with its connection, so another can resume at once.
 */
export async function withWorkflowLock<T>(
  requestId: string,
  work: () => Promise<T>,
): Promise<{ locked: true; value: T } | { locked: false }> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  try {
    const key = `vpn-workflow:${requestId}`;
    const { rows } = await client.query<{ locked: boolean }>(
      "select pg_try_advisory_lock(hashtextextended($1, 0)) as locked",
      [key],
    );
    if (!rows[0]?.locked) return { locked: false };
    try {
      return { locked: true, value: await work() };
    } finally {
      await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
