// Brings up what the portal needs around Next.js — PostgreSQL (embedded unless DATABASE_URL is
// set), migrations, secrets — for `npm start` and the end-to-end tests alike.
import path from "node:path";
import { ensureDatabase, type RunningPostgres, startEmbeddedPostgres } from "./postgres";
import { childEnv, ROOT, run } from "./run";
import { localSecret, makeAuthSecret, makeKeyring } from "./secrets";

export type Database = { url: string; stop(): Promise<void> };

export async function startDatabase(options: {
  dataDir: string;
  port: number;
  database: string;
  persistent: boolean;
  log: (line: string) => void;
}): Promise<Database> {
  const external = process.env.DATABASE_URL;
  if (external) {
    options.log(`Using the PostgreSQL server at DATABASE_URL (${redact(external)}).`);
    return { url: external, stop: async () => {} };
  }
  options.log(
    `Starting embedded PostgreSQL 17 on 127.0.0.1:${options.port} (data in ${path.relative(ROOT, options.dataDir) || options.dataDir})…`,
  );
  const server: RunningPostgres = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.port,
    persistent: options.persistent,
  });
  await ensureDatabase(server.adminUrl, options.database);
  return { url: server.urlFor(options.database), stop: () => server.stop() };
}

export async function migrate(databaseUrl: string): Promise<void> {
  await run("prisma", ["migrate", "deploy"], childEnv({ DATABASE_URL: databaseUrl }), true);
}

/** Secrets kept in .data unless the environment provides them. */
export function localSecrets(dataDir: string) {
  return {
    AUTH_SECRET: process.env.AUTH_SECRET ?? localSecret(dataDir, "auth-secret", makeAuthSecret),
    SECRET_KEYS: process.env.SECRET_KEYS ?? localSecret(dataDir, "secret-keys", makeKeyring),
  };
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
