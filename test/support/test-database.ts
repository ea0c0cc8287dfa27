// A throwaway PostgreSQL database per test run: an embedded server in a temporary folder, or a
// fresh database on the server of DATABASE_URL. Refuses anything that is not on this machine.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import {
  dropDatabase,
  ensureDatabase,
  startEmbeddedPostgres,
  withDatabase,
} from "../../scripts/lib/postgres";
import { migrate } from "../../scripts/lib/stack";

export type TestDatabase = { url: string; stop(): Promise<void> };

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(
      `Tests refuse to run against the non-local database host "${host}". Unset DATABASE_URL or point it at localhost.`,
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const name = `vpn_test_${randomBytes(6).toString("hex")}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    assertLocalDatabase(external);
    await ensureDatabase(external, name);
    const url = withDatabase(external, name);
    await migrate(url);
    return { url, stop: () => dropDatabase(external, name) };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "vpn-portal-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  await ensureDatabase(server.adminUrl, name);
  const url = server.urlFor(name);
  await migrate(url);
  return {
    url,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
