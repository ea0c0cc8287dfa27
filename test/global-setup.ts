// Vitest integration project: one real PostgreSQL (throwaway database) for the whole run.
import { randomBytes } from "node:crypto";
import { startTestDatabase, type TestDatabase } from "./support/test-database";

let database: TestDatabase | undefined;

export async function setup() {
  database = await startTestDatabase();
  // Test workers start after this and inherit the environment the app's env module reads.
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.SECRET_KEYS ??= `test:${randomBytes(32).toString("base64")}`;
  process.env.ALLOW_DOCUMENTATION_IPS = "true";
  process.env.REQUIRE_LOCAL_AWS_ENDPOINT = "true";
}

export async function teardown() {
  await database?.stop();
}
