// Tests that need a setting of their own set it here, before the app's env module first reads it.
import { startTestDatabase, type TestDatabase } from "./test-database";

export function setTestEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
}

/** A database of this test file's own (for code that works on every row, e.g. the poller). */
export async function startIsolatedDatabase(): Promise<TestDatabase> {
  const database = await startTestDatabase();
  setTestEnv({ DATABASE_URL: database.url });
  return database;
}
