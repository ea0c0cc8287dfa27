// `npm run test:lab` entry: runs every lab scenario on real strongSwan + FRR in network namespaces
// and prints one summary line per scenario with its timings. Exit code 1 when any scenario fails,
// 0 with a printed reason when the lab cannot run on this machine (not root, packages missing).
import type { LabResult } from "./run-lab";
import { runLabScenario } from "./run-lab";
import { LAB_SCENARIOS, labUnavailableReason } from "./scenarios";

function summary(r: LabResult): string {
  const parts = [`${r.ok ? "PASS" : "FAIL"} ${r.name.padEnd(18)}`];
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
      `failover: t${r.failover.stoppedTunnel} stopped -> ${r.failover.recoveryMs === null ? "NOT recovered" : `t${r.failover.recoveredViaTunnel ?? "?"} in ${r.failover.recoveryMs}ms`}`,
    );
  }
  if (r.authFailedSeen !== undefined) parts.push(`AUTH_FAILED seen: ${r.authFailedSeen}`);
  parts.push(`total ${r.totalMs}ms`);
  if (r.failures.length) parts.push(`failures: ${r.failures.join("; ")}`);
  return parts.join(" | ");
}

const reason = labUnavailableReason();
if (reason) {
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
const failed = results.filter((r) => !r.ok).length;
console.log(
  `${results.length - failed}/${results.length} lab scenarios passed in ${Date.now() - started} ms`,
);
process.exit(failed > 0 ? 1 : 0);
