// The provisioning part of `npm run bench`: N requests approved at once, every workflow run at
// once in this process (as N worker slots would), against the emulator with its default delays,
// quotas raised as an account's would be, and its throttling on. Reports the wall time against one
// request provisioned alone (the emulator's delays plus the workflow's own polling), failures, and
// the emulator's calls and throttled calls.
import { randomUUID } from "node:crypto";
import type { BenchEmulator } from "./bench-emulator";
import { PROVISIONING_REGION } from "./bench-poller";

type Stats = { totalCalls: number; actions: Record<string, { calls: number; throttled: number }> };

export async function runProvisioningBench(options: {
  emulator: BenchEmulator;
  count: number;
  log: (line: string) => void;
}) {
  const { emulator, count } = options;
  const { db } = await import("../../lib/db");
  const { viewerOf } = await import("../../lib/auth/viewer");
  const { approveVpnRequest } = await import("../../lib/vpn-request/decide-vpn-request");
  const { runWorkflow } = await import("../../lib/provisioning/run-workflow");
  const { getEnv } = await import("../../lib/env");
  await emulator.admin("config", {
    quotas: {
      vpcs: 10_000,
      internetGateways: 10_000,
      vpnGateways: 10_000,
      customerGateways: 10_000,
      vpnConnections: 10_000,
      elasticIps: 10_000,
      natGatewaysPerAz: 10_000,
    },
  });
  const config = (await emulator.admin("config")) as {
    delays: Record<string, number>;
    throttle: { enabled: boolean; scale: number };
  };
  const { awsBucketFor } = await import("../../lib/aws/ec2-pacer");
  const support = await db.user.findFirstOrThrow({ where: { role: "SUPPORT" } });
  const staff = viewerOf(support);
  if (!staff || staff.role === "CUSTOMER") throw new Error("no staff viewer");
  // One Enterprise organization per request, so each VPC CIDR is allocated independently.
  const organizations = await db.organization.findMany({
    where: { plan: "ENTERPRISE" },
    select: { id: true },
    take: count + 1,
    orderBy: { name: "desc" },
  });
  if (organizations.length < count + 1) throw new Error(`need ${count + 1} Enterprise organizations`);
  const make = async (organizationId: string, index: number) => {
    const id = randomUUID();
    await db.vpnRequest.create({
      data: {
        id,
        organizationId,
        customerName: `Provisioning bench ${index}`,
        location: "us-chi",
        region: PROVISIONING_REGION,
        recommendedRegion: PROVISIONING_REGION,
        estimatedRttMs: 20,
        customerGatewayIp: `198.51.100.${1 + (index % 250)}`,
        routing: "STATIC",
        subnetRanges: [`10.${index % 250}.0.0/16`],
        advertisedNetworks: [],
        ikeVersion: "IKEV2",
        tunnelCount: 2,
        submittedById: support.id,
      },
    });
    return id;
  };
  const provision = async (ids: string[]) => {
    const started = performance.now();
    // A refused approval or a workflow that throws is a failure to report, not a reason to stop.
    const approvals = await Promise.allSettled(ids.map((id) => approveVpnRequest(id, staff)));
    const runs = await Promise.allSettled(ids.map((id) => runWorkflow(id)));
    const outcomes = runs.map((run) => (run.status === "fulfilled" ? run.value : "threw"));
    for (const settled of [...approvals, ...runs].filter((item) => item.status === "rejected").slice(0, 3))
      options.log(`provisioning: ${String(settled.reason).slice(0, 300)}`);
    const ms = performance.now() - started;
    const statuses = await db.vpnRequest.groupBy({
      by: ["status"],
      where: { id: { in: ids } },
      _count: { _all: true },
    });
    return {
      ms,
      outcomes,
      statuses: Object.fromEntries(statuses.map((group) => [group.status, group._count._all])),
    };
  };
  const [first, ...rest] = organizations;
  const alone = await provision([await make(first?.id ?? "", 0)]);
  console.log(
    `- 1 request alone: ${(alone.ms / 1000).toFixed(1)} s, ${JSON.stringify(alone.statuses)} (emulator delays ${JSON.stringify(config.delays)}, workflow polls every ${getEnv().WORKFLOW_POLL_INTERVAL_MS} ms)`,
  );
  const ids = await Promise.all(
    rest.slice(0, count).map((organization, index) => make(organization.id, index + 1)),
  );
  await emulator.admin("stats/reset", {});
  const many = await provision(ids);
  const stats = (await emulator.admin("stats")) as Stats;
  const throttled = Object.values(stats.actions).reduce((sum, action) => sum + action.throttled, 0);
  const failed = many.outcomes.filter((outcome) => outcome !== "completed").length;
  // The least time AWS's buckets allow for the calls made: per action, the calls past a full
  // bucket at its refill rate; the slowest action is the floor (with the emulator's delays).
  const floors = Object.entries(stats.actions).map(([action, entry]) => {
    const size = awsBucketFor(action);
    const scale = config.throttle.enabled ? config.throttle.scale : Number.POSITIVE_INFINITY;
    const accepted = entry.calls - entry.throttled;
    return {
      action,
      accepted,
      ms: (Math.max(0, accepted - size.capacity * scale) / (size.refillPerSecond * scale)) * 1000,
    };
  });
  const slowest = floors.reduce((worst, floor) => (floor.ms > worst.ms ? floor : worst), {
    action: "-",
    accepted: 0,
    ms: 0,
  });
  const strictFloor = Math.max(alone.ms, slowest.ms);
  const pct = (ms: number) => `${(((many.ms - ms) / ms) * 100).toFixed(1)} %`;
  console.log(
    `- ${count} requests approved at once: ${(many.ms / 1000).toFixed(1)} s, ${JSON.stringify(many.statuses)}, ${failed} workflow(s) not completed; emulator: ${stats.totalCalls} calls, ${throttled} throttled (AWS's buckets × ${config.throttle.scale})`,
  );
  console.log(
    `- floor of the emulator's delays and buckets: ${slowest.action} ${slowest.accepted} calls need ${(slowest.ms / 1000).toFixed(1)} s; one request alone ${(alone.ms / 1000).toFixed(1)} s → overhead ${pct(strictFloor)} over max(bucket, alone) = ${(strictFloor / 1000).toFixed(1)} s, ${pct(slowest.ms + alone.ms)} over bucket + alone = ${((slowest.ms + alone.ms) / 1000).toFixed(1)} s`,
  );
  const busiest = floors.sort((a, b) => b.ms - a.ms).slice(0, 4);
  console.log(
    `    bucket floors: ${busiest.map((floor) => `${floor.action} ${floor.accepted} calls ${(floor.ms / 1000).toFixed(1)} s`).join(", ")}`,
  );
  const failures = await db.vpnRequest.findMany({
    where: { id: { in: ids }, status: "FAILED" },
    select: { failedStep: true, failureMessage: true },
    take: 3,
  });
  for (const failure of failures)
    console.log(`    FAILED at ${failure.failedStep}: ${failure.failureMessage}`);
}
