// `npm run bench`: the portal's pages and JSON routes under load, at a size given on the command
// line (issue 11). It seeds a throwaway embedded PostgreSQL, starts the production build with the
// bench-only floors (BENCH_ROUTES: a bare route handler and a bare page under the root layout),
// signs in through the real sign-in form, measures each URL with autocannon, shows the SQL each
// URL costs and the plans of the hot statements (pg_stat_statements + EXPLAIN), then times tunnel
// poller cycles against the EC2 emulator. It prints figures; nothing asserts on time, and neither
// `npm test` nor CI runs it.
//
//   npm run bench -- [--orgs 1000] [--requests 10000] [--events 250000] [--pending 0.1]
//                    [--duration 10] [--connections 10] [--poller <connections, 0 = skip>]
//                    [--provisioning 200] [--only http|poller|provisioning]
//                    [--pages "tunnels,support queue"] (only the URLs whose name has one of these; floors always)
//                    [--rounds 3] (every URL, floors included, this many times in turn; the table shows
//                    medians and each ratio's range over the rounds, a ratio taken within its round)
//                    [--hold] (after the pages, keep the seeded server up and print its URLs and cookies)
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { freePort } from "../test/support/test-database";
import { startBenchEmulator } from "./lib/bench-emulator";
import { formatTable, type Measurement, measure, signInThroughForm, summarizeRounds } from "./lib/bench-http";
import { runPollerBench } from "./lib/bench-poller";
import { runProvisioningBench } from "./lib/bench-provisioning";
import { countRows, seedBenchData } from "./lib/bench-seed";
import { ensureBuild } from "./lib/build";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/postgres";
import { childEnv, onShutdownSignal, run, type Service, startService } from "./lib/run";
import { migrate } from "./lib/stack";

const { values: args } = parseArgs({
  options: {
    orgs: { type: "string", default: "1000" },
    requests: { type: "string", default: "10000" },
    events: { type: "string", default: "250000" },
    pending: { type: "string", default: "0.1" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "10" },
    poller: { type: "string" },
    only: { type: "string" },
    provisioning: { type: "string", default: "200" },
    pages: { type: "string" },
    hold: { type: "boolean", default: false },
    rounds: { type: "string", default: "3" },
  },
});
const size = {
  organizations: Number(args.orgs),
  requests: Number(args.requests),
  events: Number(args.events),
  pendingShare: Number(args.pending),
};
const durationSeconds = Number(args.duration);
const connections = Number(args.connections);
const roundCount = Math.max(1, Number(args.rounds));
const log = (line: string) => console.log(`[bench] ${line}`);
const PASSWORD = "bench-password";
const TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"; // the seeded staff's second factor (bench only)
const DEMO_ORG = "5b0f8a52-5c1e-4d7a-9a43-0e1c2d3b4a01"; // prisma/seed.ts DEMO_ORGS.enterprise

const services: Service[] = [];
const dataDir = mkdtempSync(path.join(os.tmpdir(), "vpn-portal-bench-"));
let stopServer: () => Promise<void> = async () => {};
async function cleanUp() {
  for (const service of services.reverse()) await service.stop();
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
}
onShutdownSignal(() => void cleanUp().then(() => process.exit(130)));

try {
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    persistent: false,
    // Which statements each URL runs, and how often (reset before each measurement).
    postgresFlags: [
      "-c",
      "shared_preload_libraries=pg_stat_statements",
      "-c",
      "pg_stat_statements.track_utility=off",
      // 200 workflows at once each hold an advisory-lock connection of their own.
      "-c",
      "max_connections=400",
    ],
  });
  stopServer = server.stop;
  await ensureDatabase(server.adminUrl, "vpn_bench");
  const url = server.urlFor("vpn_bench");
  await migrate(url);
  const env = childEnv({
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    SECRET_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    ALLOW_DOCUMENTATION_IPS: "true",
    REQUIRE_LOCAL_AWS_ENDPOINT: "true",
    DEMO_PASSWORD: PASSWORD,
    DEMO_TOTP_SECRET: TOTP_SECRET,
    BENCH_ROUTES: "true",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  await run("tsx", ["--conditions=react-server", "scripts/seed.ts"], env, true);
  const seedStarted = Date.now();
  const ids = await seedBenchData(url, size, DEMO_ORG);
  log(
    `seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s: ${JSON.stringify(await countRows(url))}`,
  );

  if (args.only === undefined || args.only === "http") await measurePages(url, env, ids);
  const pollerConnections = args.poller === undefined ? undefined : Number(args.poller);
  const provisioning = Number(args.provisioning);
  if (args.only !== "http" && (pollerConnections !== 0 || provisioning > 0)) {
    const emulator = await startBenchEmulator(url, env.AUTH_SECRET ?? "");
    try {
      if (provisioning > 0 && args.only !== "poller") {
        console.log(
          "\n## Provisioning (workflows in this process, the EC2 emulator in its own, over HTTP)\n",
        );
        await runProvisioningBench({ emulator, count: provisioning, log });
      }
      if (pollerConnections !== 0 && args.only !== "provisioning") {
        console.log("\n## Tunnel poller (in this process, the EC2 emulator in its own, over HTTP)\n");
        await runPollerBench({ emulator, databaseUrl: url, limit: pollerConnections, log });
      }
    } finally {
      await emulator.close();
    }
  }
  await cleanUp();
  process.exit(0);
} catch (error) {
  console.error(error);
  await cleanUp();
  process.exit(1);
}

async function measurePages(
  url: string,
  env: NodeJS.ProcessEnv,
  ids: Awaited<ReturnType<typeof seedBenchData>>,
) {
  await ensureBuild(log);
  const port = await freePort();
  services.push(
    await startService("web", "next", ["start", "-p", String(port)], env, /Ready in/i, { echo: false }),
  );
  const base = `http://127.0.0.1:${port}`;
  const customer = await signInThroughForm(base, "enterprise@example.com", PASSWORD);
  const staff = await signInThroughForm(base, "support@example.com", PASSWORD, TOTP_SECRET);
  // A redirect (to /sign-in or /mfa) measured as a page would flatter it: every URL must answer 200.
  for (const [who, cookie, path] of [
    ["customer", customer, "/requests"],
    ["support", staff, "/support"],
  ] as const) {
    const probe = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
    if (probe.status !== 200) throw new Error(`${who} is not signed in: ${path} answered ${probe.status}`);
  }
  log(`signed in as a customer and as support; ${connections} clients, ${durationSeconds} s per URL`);

  const stats = new pg.Client({ connectionString: url });
  await stats.connect();
  await stats.query("create extension if not exists pg_stat_statements");
  const q = encodeURIComponent;
  const targets: { name: string; path: string; cookie: string }[] = [
    { name: "bare route handler", path: "/bench/bare-route", cookie: customer },
    { name: "route: session + user read", path: "/bench/viewer-route", cookie: customer },
    { name: "bare page (root layout)", path: "/bench/bare-page", cookie: customer },
    { name: "customer dashboard", path: "/requests", cookie: customer },
    { name: "customer request page", path: `/requests/${ids.customerRequestId}`, cookie: customer },
    { name: "tunnels JSON", path: `/api/requests/${ids.customerRequestId}/tunnels`, cookie: customer },
    { name: "progress JSON", path: `/api/requests/${ids.customerRequestId}/progress`, cookie: customer },
    { name: "support queue", path: "/support", cookie: staff },
    { name: "support queue, search", path: `/support?q=${q(ids.searchName)}`, cookie: staff },
    { name: "support queue, page 5", path: "/support?page=5", cookie: staff },
    { name: "support connections", path: "/support/connections", cookie: staff },
    {
      name: "support connections, org",
      path: `/support/connections?organization=${q(ids.searchOrganization)}`,
      cookie: staff,
    },
    { name: "support request page", path: `/support/requests/${ids.staffRequestId}`, cookie: staff },
  ];
  const wanted = args.pages?.split(",").map((name) => name.trim().toLowerCase());
  const measured = targets.filter(
    (target) =>
      !wanted ||
      target.path.startsWith("/bench/") ||
      wanted.some((name) => target.name.toLowerCase().includes(name)),
  );
  const rounds: Measurement[][] = [];
  const statements: { route: string; perRequest: number; top: StatementRow[] }[] = [];
  for (let round = 1; round <= roundCount; round++) {
    const results: Measurement[] = [];
    for (const target of measured) {
      await stats.query("select pg_stat_statements_reset()");
      const result = await measure({ base, ...target, connections, durationSeconds });
      if (round === 1) {
        const top = await topStatements(stats);
        // The probe, the warm-up and the measured run all went through the statistics.
        const requests = result.total + connections * 5 + 1;
        const calls = top.reduce((sum, row) => sum + row.calls, 0);
        statements.push({ route: target.name, perRequest: calls / requests, top: top.slice(0, 4) });
      }
      results.push(result);
      log(
        `round ${round}/${roundCount} ${target.name}: p97.5 ${result.p975} ms, ${result.requestsPerSecond.toFixed(0)} req/s`,
      );
    }
    rounds.push(results);
  }
  console.log(
    `\n## HTTP (${connections} concurrent signed-in clients, ${durationSeconds} s each, one build, ${roundCount} round(s): medians, ratios within each round with their range)\n`,
  );
  console.log(formatTable(summarizeRounds(rounds, { route: "/bench/bare-route", page: "/bench/bare-page" })));
  console.log("\n## SQL per URL (pg_stat_statements over the measured run; ≈ statements per request)\n");
  for (const entry of statements) {
    console.log(`- ${entry.route}: ${entry.perRequest.toFixed(2)} statements per request`);
    for (const row of entry.top) {
      console.log(
        `    ${row.calls} calls, mean ${row.mean.toFixed(2)} ms, ${row.rows} rows: ${row.query.slice(0, 160)}`,
      );
    }
  }
  console.log("\n## Plans of the hot statements (EXPLAIN (GENERIC_PLAN) at the seeded size)\n");
  const seen = new Set<string>();
  for (const entry of statements) {
    for (const row of entry.top.slice(0, 2)) {
      if (seen.has(row.query) || row.mean < 0.1) continue;
      seen.add(row.query);
      console.log(`### ${entry.route}: mean ${row.mean.toFixed(2)} ms\n${row.query.slice(0, 600)}`);
      try {
        const plan = await stats.query(`explain (generic_plan) ${row.text}`);
        for (const line of plan.rows) console.log(`    ${String(line["QUERY PLAN"]).slice(0, 220)}`);
      } catch (error) {
        console.log(`    (no generic plan: ${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
  await stats.end();
  if (args.hold) await holdForInspection(base, { customer, staff }, targets);
  for (const service of services.splice(0).reverse()) await service.stop();
}

/** `--hold`: the seeded production server stays up for curl, a browser or a profiler until Ctrl-C. */
async function holdForInspection(
  base: string,
  cookies: { customer: string; staff: string },
  targets: { name: string; path: string }[],
) {
  log(`holding ${base} until Ctrl-C`);
  for (const target of targets) log(`  ${target.name}: ${base}${target.path}`);
  log(`  customer cookie: ${cookies.customer}`);
  log(`  staff cookie: ${cookies.staff}`);
  await new Promise<never>(() => {});
}

type StatementRow = { query: string; text: string; calls: number; mean: number; rows: number };

async function topStatements(client: pg.Client): Promise<StatementRow[]> {
  const answer = await client.query<{ query: string; calls: string; mean: number; rows: string }>(
    `select query, calls, mean_exec_time as mean, rows from pg_stat_statements
     where query not ilike '%pg_stat_statements%' and dbid = (select oid from pg_database where datname = current_database())
     order by total_exec_time desc`,
  );
  return answer.rows.map((row) => ({
    query: row.query.replace(/\s+/g, " "),
    // As PostgreSQL has it (a one-line copy would turn the rest of a commented query into a comment).
    text: row.query,
    calls: Number(row.calls),
    mean: row.mean,
    rows: Number(row.rows),
  }));
}
