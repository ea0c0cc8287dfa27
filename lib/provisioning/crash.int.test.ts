// Crash test (issue 3): worker processes are killed with SIGKILL at random points while several
// requests provision; restarted workers resume, and the EC2 inventory ends with exactly one of
// each resource per request and nothing orphaned.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import {
  countByType,
  duplicatesAndOrphans,
  PROVISIONED_RESOURCES,
  ROUGH_AWS,
  startEmulatorForApp,
  type TestEmulator,
} from "@/test/support/emulator";
import { createApprovedRequest } from "@/test/support/requests";
import type { TestDatabase } from "@/test/support/test-database";
import { startIsolatedDatabase } from "@/test/support/test-env";
import { startWorkerProcess, stopWorkerProcess } from "@/test/support/worker-process";

const MIN_KILLS_MID_STEP = 20;

let emulator: TestEmulator;
let database: TestDatabase;
beforeAll(async () => {
  // A database of its own: the workers sweep every request awaiting provisioning, including
  // ones other test files leave approved, which would show up here as someone else's resources.
  database = await startIsolatedDatabase();
  // Slower AWS states than other tests, so that kills land inside the steps that wait; and AWS at
  // its roughest (issue 16): 0–3 s consistency lag, lost replies, 10 % throttling and 5xx.
  emulator = await startEmulatorForApp({
    consistency: ROUGH_AWS.consistency,
    faults: ROUGH_AWS.faults,
    delays: {
      vpnAvailableMs: 1500,
      natAvailableMs: 800,
      vgwAttachMs: 300,
      vpnDeletedMs: 100,
      natDeletedMs: 100,
      vgwDetachMs: 50,
    },
  });
});
afterAll(async () => {
  await emulator?.close();
  await disconnectDb();
  await database?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WORKER_ENV = {
  WORKFLOW_POLL_INTERVAL_MS: "50",
  WORKER_SWEEP_INTERVAL_MS: "200",
  WORKER_CONCURRENCY: "3",
};
const startWorker = () => startWorkerProcess(WORKER_ENV);

it("survives SIGKILL at 20+ random points across the steps: every request provisions, no duplicate, no orphan", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push((await createApprovedRequest()).id);
  const killedIn: string[] = [];

  while (killedIn.length < MIN_KILLS_MID_STEP) {
    const done = await db.vpnRequest.count({ where: { id: { in: ids }, status: "AWAITING_CUSTOMER" } });
    if (done === ids.length) {
      // Everything finished before enough kills: give the workers more to do.
      for (let i = 0; i < 2; i++) ids.push((await createApprovedRequest()).id);
    }
    const startedAt = new Date();
    const worker = await startWorker();
    await sleep(100 + Math.random() * 900);
    // Steps this worker is in the middle of (not ones a previous, killed worker left RUNNING).
    const running = await db.provisioningStep.findMany({
      where: { requestId: { in: ids }, status: "RUNNING", updatedAt: { gte: startedAt } },
      select: { name: true },
    });
    await stopWorkerProcess(worker, "SIGKILL");
    if (running.length > 0) killedIn.push(running.map((step) => step.name).join("+"));
    console.log(
      `cycle: ${done}/${ids.length} done, killed during ${running.map((step) => step.name).join("+") || "(idle)"}`,
    );
  }
  console.log(`killed ${killedIn.length} workers mid-step, in: ${[...new Set(killedIn)].join(", ")}`);

  const survivor = await startWorker();
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const done = await db.vpnRequest.count({ where: { id: { in: ids }, status: "AWAITING_CUSTOMER" } });
    if (done === ids.length) break;
    await sleep(250);
  }
  await stopWorkerProcess(survivor, "SIGTERM");

  const requests = await db.vpnRequest.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true },
  });
  expect(requests.map((request) => request.status)).toEqual(ids.map(() => "AWAITING_CUSTOMER"));
  expect(killedIn.length).toBeGreaterThanOrEqual(MIN_KILLS_MID_STEP);

  const inventory = await emulator.inventory();
  const { duplicates, orphans: strays } = duplicatesAndOrphans(inventory, ids);
  console.log(
    `crash test: ${ids.length} requests, ${killedIn.length} kills mid-step, ${inventory.length} resources, ${duplicates} duplicates, ${strays.length} orphans`,
  );
  expect(duplicates).toBe(0);
  for (const id of ids) {
    const owned = inventory.filter((resource) => resource.tags["portal:request-id"] === id);
    if (JSON.stringify(countByType(owned)) !== JSON.stringify(PROVISIONED_RESOURCES)) {
      const steps = await db.provisioningStep.findMany({
        where: { requestId: id },
        orderBy: { position: "asc" },
      });
      console.log(
        `request ${id}:`,
        JSON.stringify({ owned, steps: steps.map((step) => [step.name, step.attempts, step.output]) }),
      );
    }
    expect(countByType(owned)).toEqual(PROVISIONED_RESOURCES);
  }
  // Nothing else: every resource belongs to one of these requests (a VPC's own main route
  // table carries no tags and goes with the VPC).
  const ours = new Set(ids);
  const orphans = inventory.filter(
    (resource) =>
      !ours.has(resource.tags["portal:request-id"] ?? "") &&
      !(resource.type === "route-table" && Object.keys(resource.tags).length === 0),
  );
  expect(orphans).toEqual([]);
}, 300_000);
