// `npm run test:lab` entry: runs every lab scenario on real strongSwan + FRR in network namespaces
// — the hand-made fixtures, then requests provisioned through the real workflow and the EC2
// emulator (lab/provisioned-request.ts) — and prints one summary line per scenario with its
// timings. Exit code 1 when any scenario fails. When the lab cannot run on this machine (not root,
// packages missing): 0 with the reason, but 1 under CI=true, where .ci/run installs everything and a
// lab that skips itself must not count as passed.
// Arguments: scenario names to run only those; --verbose for the step log.
import { spawnSync } from "node:child_process";
import type { ProvisionedLabResult } from "./provisioned-request";
import type { LabResult } from "./run-lab";
import { runLabScenario } from "./run-lab";
import { LAB_SCENARIOS, labUnavailableReason } from "./scenarios";

// The portal's domain modules say `import "server-only"`; like the worker, the lab runs them under
// the react-server export condition. Re-run this file with it when started without (npm run test:lab).
if (!process.execArgv.some((arg) => arg.includes("react-server"))) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  process.exit(child.status ?? 1);
}

function summary(r: LabResult): string {
  const parts = [`${r.ok ? "PASS" : "FAIL"} ${r.name.padEnd(26)}`];
  const up = Object.entries(r.tunnelUpMs).map(([n, ms]) => `t${n} ${ms}ms`);
  if (up.length) parts.push(`tunnel up: ${up.join(", ")}`);
  const bgp = Object.entries(r.bgpEstablishedMs).map(([n, ms]) => `t${n} ${ms}ms`);
  if (bgp.length) parts.push(`BGP Established: ${bgp.join(", ")}`);
  if (r.routes) parts.push(`routes in/out: ${r.routes.customerReceived}/${r.routes.platformReceived}`);
  if (r.ping)
    parts.push(
      `ping ${r.ping.from}->${r.ping.to} ${r.ping.ok ? "ok" : "FAILED"} via t${r.ping.viaTunnel ?? "?"}`,
    );
  if (r.failover) {
    parts.push(
      `failover: t${r.failover.stoppedTunnel} stopped -> ${r.failover.recoveryMs === null ? "NOT recovered" : `t${r.failover.recoveredViaTunnel ?? "?"} in ${r.failover.recoveryMs}ms`}${r.failover.routeWithdrawnMs != null ? ` (its VPC route withdrawn after ${r.failover.routeWithdrawnMs}ms)` : ""}`,
    );
  }
  if (r.platformInitiated) {
    const who = Object.entries(r.platformInitiated).map(([n, yes]) => `t${n} ${yes ? "yes" : "no"}`);
    parts.push(`platform initiated: ${who.join(", ")}`);
  }
  if (r.vpcRoutes) parts.push(`VPC routes (up/down script): ${r.vpcRoutes.whenUp.length}`);
  if (r.authFailedSeen !== undefined) parts.push(`AUTH_FAILED seen: ${r.authFailedSeen}`);
  if (r.noProposalSeen !== undefined) parts.push(`NO_PROPOSAL_CHOSEN seen: ${r.noProposalSeen}`);
  parts.push(`total ${r.totalMs}ms`);
  if (r.failures.length) parts.push(`failures: ${r.failures.join("; ")}`);
  return parts.join(" | ");
}

const reason = labUnavailableReason();
if (reason) {
  if (process.env.CI === "true") {
    console.error(`tunnel lab cannot run on this CI machine: ${reason}`);
    process.exit(1);
  }
  console.log(`tunnel lab skipped: ${reason}`);
  process.exit(0);
}
const verbose = process.argv.includes("--verbose");
const only = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const started = Date.now();
const results: LabResult[] = [];
for (const scenario of LAB_SCENARIOS) {
  if (only.length > 0 && !only.includes(scenario.options.name)) continue;
  const result = await runLabScenario(scenario.input, {
    ...scenario.options,
    log: verbose ? console.log : undefined,
  });
  console.log(summary(result));
  results.push(result);
}
const { PROVISIONED_SCENARIOS } = await import("./provisioned-request");
const provisioned = PROVISIONED_SCENARIOS.filter((s) => only.length === 0 || only.includes(s.name));
if (provisioned.length > 0) {
  const { runProvisionedScenario } = await import("./provisioned-request");
  const { startLabBackend } = await import("./backend");
  const tBackend = Date.now();
  const backend = await startLabBackend();
  console.log(`PostgreSQL + EC2 emulator for provisioned requests ready in ${Date.now() - tBackend} ms`);
  try {
    for (const scenario of provisioned) {
      const result = await runProvisionedScenario(scenario, {
        emulatorUrl: backend.emulatorUrl,
        ...(verbose ? { log: console.log } : {}),
      }).catch(
        (error: unknown): LabResult => ({
          name: scenario.name,
          ok: false,
          failures: [error instanceof Error ? error.message : String(error)],
          tunnelUpMs: {},
          bgpEstablishedMs: {},
          totalMs: 0,
        }),
      );
      const r = result as LabResult & Partial<ProvisionedLabResult>;
      const telemetry =
        r.telemetryUpMs !== undefined
          ? ` | provisioned in ${r.provisionMs}ms | emulator telemetry UP after ${r.telemetryUpMs}ms, DOWN ${r.telemetryDownMs}ms after the customer stopped | portal status ${r.portalWhenUp?.requestStatus} -> ${r.portalAfterStop?.requestStatus}`
          : "";
      console.log(`${summary(r)}${telemetry}`);
      results.push(r);
    }
  } finally {
    await backend.stop();
  }
}
const failed = results.filter((r) => !r.ok).length;
console.log(
  `${results.length - failed}/${results.length} lab scenarios passed in ${Date.now() - started} ms`,
);
process.exit(failed > 0 ? 1 : 0);
