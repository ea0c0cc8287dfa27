// Tests that need a setting of their own set it here, before the app's env module first reads it.
import { startTestDatabase, type TestDatabase } from "./test-database";

/** The test process's own value of a variable (tests read the environment through here). */
export function testEnvValue(name: string): string | undefined {
  return process.env[name];
}

/** Sets each variable that is not set yet (defaults for a test that needs the env to parse). */
export function defaultTestEnv(values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) process.env[name] ??= value;
}

export function setTestEnv(values: Record<string, string>) {
  Object.assign(process.env, values);
}

/** A database of this test file's own (for code that works on every row, e.g. the poller). */
export async function startIsolatedDatabase(): Promise<TestDatabase> {
  const database = await startTestDatabase();
  setTestEnv({ DATABASE_URL: database.url });
  return database;
}
