// `npm test`: lint, unit tests, integration tests (real PostgreSQL, EC2 emulator over HTTP),
// end-to-end tests (production build in Chromium) and, where it can run, the tunnel lab.
// Every suite runs even when an earlier one failed, so one run shows everything that is wrong.
import { existsSync } from "node:fs";
import { labUnavailableReason } from "../lab/availability";
import { childEnv, run } from "./lib/run";

type Step = { name: string; command: string; args: string[]; skip?: string };

/** The lab's own availability check (lab/availability.ts), so a lab that would skip itself is reported as not run. */
function labSkipReason(): string | undefined {
  if (!existsSync("lab/vitest.config.ts")) return "the lab's test config lab/vitest.config.ts is not present";
  const reason = labUnavailableReason();
  return reason ? `the tunnel lab ${reason}; run lab/install-deps.sh or .ci/run` : undefined;
}

const steps: Step[] = [
  { name: "Lint and format (Biome)", command: "biome", args: ["check", "."] },
  { name: "Unit tests (Vitest)", command: "vitest", args: ["run", "--project", "unit"] },
  {
    name: "Integration tests (Vitest, PostgreSQL + EC2 emulator)",
    command: "vitest",
    args: ["run", "--project", "integration"],
  },
  { name: "End-to-end tests (Playwright, Chromium)", command: "playwright", args: ["test"] },
  // The lab's assertions (tunnels up, pings, BGP, failover, wrong PSK, portal state, alerts) with
  // their timings printed; `npm run lab` runs the same scenarios as a CLI summary.
  {
    name: "Tunnel lab (strongSwan + FRR)",
    command: "vitest",
    args: ["run", "--config", "lab/vitest.config.ts"],
    skip: labSkipReason(),
  },
];

const results: Array<{
  name: string;
  outcome: "passed" | "failed" | "skipped";
  seconds: number;
  note?: string;
}> = [];
for (const step of steps) {
  if (step.skip) {
    console.log(`\n=== ${step.name}: not run — ${step.skip}`);
    results.push({ name: step.name, outcome: "skipped", seconds: 0, note: step.skip });
    continue;
  }
  console.log(`\n=== ${step.name}`);
  const started = Date.now();
  try {
    await run(step.command, step.args, childEnv());
    results.push({ name: step.name, outcome: "passed", seconds: (Date.now() - started) / 1000 });
  } catch (error) {
    results.push({
      name: step.name,
      outcome: "failed",
      seconds: (Date.now() - started) / 1000,
      note: error instanceof Error ? error.message : String(error),
    });
  }
}

console.log("\n=== Summary");
for (const result of results) {
  const note = result.note ? ` (${result.note})` : "";
  console.log(`  ${result.outcome.padEnd(7)} ${result.name} ${result.seconds.toFixed(0)}s${note}`);
}
const failed = results.filter((result) => result.outcome === "failed").length;
const passed = results.filter((result) => result.outcome === "passed").length;
console.log(`suites: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
