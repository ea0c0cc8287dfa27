// The one database module: a single Prisma client per process. Secret columns are omitted by
// default; code that truly needs one asks for it with `omit: { column: false }`.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: getEnv().DATABASE_URL }),
    omit: {
      user: { passwordHash: true, totpSecretEncrypted: true },
      tunnel: { pskEncrypted: true, pendingPskEncrypted: true },
      organization: { webhookSecretEncrypted: true },
    },
  });
}

type Client = ReturnType<typeof createClient>;
const globalForDb = globalThis as unknown as {
  portalDb?: Client;
  portalPool?: pg.Pool;
  portalReadPool?: pg.Pool;
};

function client(): Client {
  // Reused across Next.js hot reloads in development; created on first use so that importing
  // this module (e.g. while `next build` collects pages) needs no database configuration.
  globalForDb.portalDb ??= createClient();
  return globalForDb.portalDb;
}

export const db: Client = new Proxy({} as Client, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

/**
 * A small plain `pg` pool on the same database, for libraries that take a driver rather than
 * Prisma (rate-limiter-flexible's PostgreSQL store). Created on first use, like the client.
 */
export function getPgPool(): pg.Pool {
  globalForDb.portalPool ??= new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 3 });
  return globalForDb.portalPool;
}

// Prisma's DateTime columns are `timestamp(3)` holding UTC; pg would read them as local time.
const TIMESTAMP_OID = 1114;
const readTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * The rows of one plain read, through its own small `pg` pool rather than Prisma's: for the few
 * statements every request or dashboard poll runs (decision 027), Prisma's raw path costs 0.40 ms
 * of CPU a statement and this 0.16 ms. Written as `Prisma.sql` like any raw query (values are
 * parameters, never spliced); timestamps come back as UTC dates, as Prisma reads them.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  globalForDb.portalReadPool ??= new pg.Pool({
    connectionString: getEnv().DATABASE_URL,
    max: 10,
    types: readTypes,
  });
  const values = query.values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return (await globalForDb.portalReadPool.query(query.text, values)).rows as T[];
}

/**
 * A timestamp as PostgreSQL writes it inside JSON (`json_agg`, `to_jsonb`): `timestamp(3)` holds
 * UTC and JSON carries it without a zone, so it is read back as UTC, like `readRows` reads columns.
 */
export function jsonTimestamp(value: string): Date;
export function jsonTimestamp(value: string | null): Date | null;
export function jsonTimestamp(value: string | null): Date | null {
  return value === null ? null : new Date(`${value}Z`);
}

export async function disconnectDb() {
  await globalForDb.portalDb?.$disconnect();
  globalForDb.portalDb = undefined;
  await globalForDb.portalPool?.end();
  globalForDb.portalPool = undefined;
  await globalForDb.portalReadPool?.end();
  globalForDb.portalReadPool = undefined;
}

export type Db = Client;
export type DbTransaction = Parameters<Parameters<Client["$transaction"]>[0]>[0];
