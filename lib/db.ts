// The one database module: a single Prisma client per process. Secret columns are omitted by
// default; code that truly needs one asks for it with `omit: { column: false }`.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

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
const globalForDb = globalThis as unknown as { portalDb?: Client; portalPool?: pg.Pool };

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

export async function disconnectDb() {
  await globalForDb.portalDb?.$disconnect();
  globalForDb.portalDb = undefined;
  await globalForDb.portalPool?.end();
  globalForDb.portalPool = undefined;
}

export type Db = Client;
export type DbTransaction = Parameters<Parameters<Client["$transaction"]>[0]>[0];
