// The portal as the end-to-end tests see it: a throwaway database with demo users, the production
// build, and `next start`. Playwright starts this as its webServer and stops it with SIGTERM.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ensureBuild } from "../../scripts/lib/build";
import { childEnv, ROOT, run, type Service, startService } from "../../scripts/lib/run";
import { startTestDatabase } from "../../test/support/test-database";
import { E2E_ENV_FILE, E2E_PORT } from "./settings";

const log = (line: string) => console.log(`[e2e] ${line}`);
const services: Service[] = [];
const database = await startTestDatabase();
let stopping = false;

async function shutdown() {
  if (stopping) return;
  stopping = true;
  for (const service of services.reverse()) await service.stop();
  await database.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());

const env = childEnv({
  DATABASE_URL: database.url,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  SECRET_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
  ALLOW_DOCUMENTATION_IPS: "true",
  DEMO_PASSWORD: "demo-password",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
});
await run("tsx", ["--conditions=react-server", "scripts/seed.ts"], env);
await ensureBuild(log);
mkdirSync(path.dirname(E2E_ENV_FILE), { recursive: true });
writeFileSync(E2E_ENV_FILE, JSON.stringify({ databaseUrl: database.url }));
services.push(
  await startService("web", "next", ["start", "-p", String(E2E_PORT)], env, /Ready in/i, { echo: false }),
);
log(`portal ready on http://localhost:${E2E_PORT} (root ${ROOT})`);
