// `npm start`: the whole portal on embedded defaults — PostgreSQL, migrations, demo data, a
// production build when sources changed, and the web server on http://localhost:3000.
// Ctrl-C stops everything it started.
import path from "node:path";
import { ensureBuild } from "./lib/build";
import { childEnv, ROOT, run, type Service, startService } from "./lib/run";
import { localSecrets, migrate, startDatabase } from "./lib/stack";

const DATA = path.join(ROOT, ".data");
const PORT = process.env.PORT ?? "3000";
const log = (line: string) => console.log(`[start] ${line}`);
const services: Service[] = [];
let stopDatabase: () => Promise<void> = async () => {};
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("Stopping…");
  for (const service of services.reverse()) await service.stop();
  await stopDatabase();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

try {
  const database = await startDatabase({
    dataDir: path.join(DATA, "postgres"),
    port: Number(process.env.PG_PORT ?? 5433),
    database: "vpn_portal",
    persistent: true,
    log,
  });
  stopDatabase = database.stop;
  log("Applying database migrations…");
  await migrate(database.url);

  const env = childEnv({
    DATABASE_URL: database.url,
    ...localSecrets(DATA),
    // The demo uses documentation-range gateway IPs (198.51.100.0/24 …) that real deployments refuse.
    ALLOW_DOCUMENTATION_IPS: process.env.ALLOW_DOCUMENTATION_IPS ?? "true",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await run("tsx", ["--conditions=react-server", "scripts/seed.ts"], env);
  await ensureBuild(log);

  services.push(await startService("web", "next", ["start", "-p", PORT], env, /Ready in|started server/i));
  const password = process.env.DEMO_PASSWORD ?? "demo-password";
  console.log(`
  Site-to-Site VPN portal is running: http://localhost:${PORT}

  Demo logins (password: ${password})
    enterprise@example.com  customer, Enterprise organization
    teamplus@example.com    customer, Team organization with the VPN add-on
    team@example.com        customer, Team organization without the add-on (cannot request)
    support@example.com     support staff (approves requests)
    admin@example.com       admin

  Press Ctrl-C to stop.
`);
  for (const service of services) {
    service.child.on("exit", (code) => {
      if (!stopping) {
        log(`${service.name} exited unexpectedly (code ${code}); stopping.`);
        void shutdown(1);
      }
    });
  }
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
