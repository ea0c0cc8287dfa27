import "server-only";
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { ec2For } from "@/lib/aws/ec2-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { ConflictError } from "@/lib/errors";
import { createCallPacer } from "@/lib/tunnels/pace-calls";
import { pollTunnelMaintenance } from "@/lib/tunnels/poll-tunnel-maintenance";
import {
  readTelemetry,
  requestStatusFor,
  type Telemetry,
  type TunnelChange,
  type TunnelState,
} from "@/lib/tunnels/read-telemetry";
import { PROVISIONED_STATUSES, type VpnStatus } from "@/lib/vpn-request/lifecycle";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

export type PollResult = {
  calls: number;
  connections: number;
  changes: number;
  transitions: number;
  errors: number;
  regions: number;
  durationMs: number;
  /** GetVpnTunnelReplacementStatus calls (one per tunnel) and the pending maintenances that changed. */
  maintenance: { calls: number; changes: number; errors: number };
  /** Where the cycle's time went: reading the connections, the calls, the one write, transitions. */
  phasesMs: { read: number; calls: number; write: number; transitions: number };
};

type Connection = Awaited<ReturnType<typeof findPolledConnections>>[number];
type Batch = { region: string; account: PoolAccount | null; connections: Connection[] };
type Seen = { connection: Connection; changes: TunnelChange[] };

function findPolledConnections() {
  return db.vpnRequest.findMany({
    where: { status: { in: [...PROVISIONED_STATUSES] }, vpnConnectionId: { not: null } },
    select: {
      id: true,
      region: true,
      awsAccount: { select: { id: true, roleArn: true, externalId: true } },
      status: true,
      tunnelCount: true,
      vpnConnectionId: true,
      maintenanceCheckedAt: true,
      tunnels: {
        select: {
          id: true,
          number: true,
          outsideIp: true,
          status: true,
          statusMessage: true,
          statusSince: true,
          acceptedRouteCount: true,
          maintenancePending: true,
          maintenanceDeadline: true,
        },
      },
    },
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/**
 * Batches of all regions (of every account of the pool) interleaved, so that every region's calls
 * start early and run side by side; a batch never mixes accounts, whose credentials differ.
 */
function interleave(byRegion: Map<string, Connection[]>, batchSize: number): Batch[] {
  const perRegion = [...byRegion].map(([, list]) =>
    chunk(list, batchSize).map((connections) => ({
      region: connections[0]?.region ?? "",
      account: connections[0]?.awsAccount ?? null,
      connections,
    })),
  );
  const out: Batch[] = [];
  for (let round = 0; perRegion.some((batches) => round < batches.length); round++) {
    for (const batches of perRegion) {
      const batch = batches[round];
      if (batch) out.push(batch);
    }
  }
  return out;
}

/**
 * One poll cycle: reads the telemetry of every provisioned connection with one
 * DescribeVpnConnections call per `batchSize` connections per region (never one per tunnel).
 * Regions are polled side by side and each region's batches are pipelined: up to `concurrency`
 * calls in flight, started no faster than `callsPerSecond` (a token bucket of `burst`). What changed
 * is written once per cycle — the changed tunnels and their TunnelEvent rows in one transaction,
 * lastPolledAt of every connection read in one statement — and each request whose tunnels call for
 * another status (DESIGN §3) moves through the one status writer, audited.
 */
export async function pollTunnelsOnce(options: {
  batchSize: number;
  concurrency?: number;
  callsPerSecond?: number;
  burst?: number;
  /** GetVpnTunnelReplacementStatus calls a cycle may make (poll-tunnel-maintenance.ts). */
  maintenanceCallsPerCycle?: number;
  log?: (line: string) => void;
}): Promise<PollResult> {
  const started = performance.now();
  const env = getEnv();
  const log = options.log ?? (() => {});
  const concurrency = Math.max(1, options.concurrency ?? env.TUNNEL_POLL_CONCURRENCY);
  const pacer = createCallPacer({
    ratePerSecond: options.callsPerSecond ?? env.TUNNEL_POLL_CALLS_PER_SECOND,
    burst: options.burst ?? env.TUNNEL_POLL_CALL_BURST,
  });
  const result: PollResult = {
    calls: 0,
    connections: 0,
    changes: 0,
    transitions: 0,
    errors: 0,
    regions: 0,
    durationMs: 0,
    maintenance: { calls: 0, changes: 0, errors: 0 },
    phasesMs: { read: 0, calls: 0, write: 0, transitions: 0 },
  };
  const connections = await findPolledConnections();
  const read = performance.now();
  const byRegion = new Map<string, Connection[]>();
  for (const connection of connections) {
    const key = `${connection.awsAccount?.id ?? "-"}:${connection.region}`;
    const list = byRegion.get(key);
    if (list) list.push(connection);
    else byRegion.set(key, [connection]);
  }
  result.regions = new Set(connections.map((connection) => connection.region)).size;
  const queue = interleave(byRegion, options.batchSize);
  const seen: Seen[] = [];

  const readBatch = async ({ region, account, connections: batch }: Batch) => {
    try {
      await pacer.take();
      result.calls++;
      const answer = await ec2For(region, account).send(
        // A filter (unlike VpnConnectionId.N) does not fail the whole batch when one ID is gone.
        new DescribeVpnConnectionsCommand({
          Filters: [{ Name: "vpn-connection-id", Values: batch.map((c) => c.vpnConnectionId ?? "") }],
        }),
      );
      const byId = new Map((answer.VpnConnections ?? []).map((vpn) => [vpn.VpnConnectionId, vpn]));
      for (const connection of batch) {
        const vpn = byId.get(connection.vpnConnectionId ?? "");
        if (!vpn) continue;
        const telemetry: Telemetry[] = vpn.VgwTelemetry ?? [];
        seen.push({ connection, changes: readTelemetry(connection.tunnels, telemetry) });
      }
    } catch (error) {
      result.errors++;
      log(
        `tunnel poll of ${batch.length} connection(s) in ${region} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  // `concurrency` workers drain the interleaved queue: a pipeline per cycle, paced by the bucket.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      while (next < queue.length) {
        const batch = queue[next++];
        if (batch) await readBatch(batch);
      }
    }),
  );

  const called = performance.now();
  result.connections = seen.length;
  const changed = seen.filter((entry) => entry.changes.length > 0);
  result.changes = changed.reduce((sum, entry) => sum + entry.changes.length, 0);
  await writeCycle(seen, changed);
  const written = performance.now();
  result.transitions = await moveRequests(changed, log);
  // Paced like the cycle's other calls; read once per cycle, never per page view.
  result.maintenance = await pollTunnelMaintenance(
    seen.map((entry) => entry.connection),
    { pacer, log, callsPerCycle: options.maintenanceCallsPerCycle },
  );
  const finished = performance.now();
  result.durationMs = Math.round(finished - started);
  result.phasesMs = {
    read: Math.round(read - started),
    calls: Math.round(called - read),
    write: Math.round(written - called),
    transitions: Math.round(finished - written),
  };
  const phases = Object.entries(result.phasesMs)
    .map(([phase, ms]) => `${phase} ${ms}`)
    .join(", ");
  // An idle portal (nothing provisioned yet) would otherwise log an empty cycle every interval.
  if (result.connections > 0 || result.errors > 0)
    log(
      `tunnel poll: ${result.connections} connection(s) in ${result.regions} region(s), ${result.calls} call(s), ${result.changes} change(s), ${result.transitions} status change(s), ${result.errors} error(s), ${result.durationMs} ms (${phases})`,
    );
  return result;
}

/** The cycle's one write: changed tunnels, their events, and when every connection was read. */
async function writeCycle(seen: readonly Seen[], changed: readonly Seen[]) {
  if (seen.length === 0) return;
  const now = new Date();
  const changes = changed.flatMap(({ connection, changes: list }) =>
    list.map((change) => ({ requestId: connection.id, change })),
  );
  const polledIds = seen.map((entry) => entry.connection.id);
  await db.$transaction([
    ...(changes.length > 0
      ? [
          db.$executeRaw`
            update "Tunnel" as t set
              status = c.status::"TunnelStatus",
              "statusMessage" = c.message,
              "statusSince" = c.since,
              "acceptedRouteCount" = c.routes,
              "updatedAt" = ${now}::timestamp
            from unnest(
              ${changes.map(({ change }) => change.tunnelId)}::uuid[],
              ${changes.map(({ change }) => change.status)}::text[],
              ${changes.map(({ change }) => change.statusMessage)}::text[],
              ${changes.map(({ change }) => change.statusSince?.toISOString() ?? null)}::timestamp[],
              ${changes.map(({ change }) => change.acceptedRouteCount)}::int[]
            ) as c(id, status, message, since, routes)
            where t.id = c.id`,
          db.tunnelEvent.createMany({
            data: changes.map(({ requestId, change }) => ({
              tunnelId: change.tunnelId,
              requestId,
              status: change.status,
              statusMessage: change.statusMessage,
              acceptedRouteCount: change.acceptedRouteCount,
              // AWS's own time of a status change; a message or route change is stamped when seen.
              occurredAt: change.statusChanged && change.statusSince ? change.statusSince : now,
            })),
          }),
        ]
      : []),
    db.$executeRaw`update "VpnRequest" set "lastPolledAt" = ${now}::timestamp where id = any(${polledIds}::uuid[])`,
  ]);
}

/** Requests whose tunnels now call for another status, moved one by one through the status writer. */
async function moveRequests(changed: readonly Seen[], log: (line: string) => void): Promise<number> {
  let transitions = 0;
  const moves = changed.flatMap(({ connection, changes }) => {
    const tunnels: { number: number; status: TunnelState }[] = connection.tunnels.map((tunnel) => ({
      number: tunnel.number,
      status: changes.find((change) => change.tunnelId === tunnel.id)?.status ?? tunnel.status,
    }));
    const target = requestStatusFor({
      current: connection.status,
      tunnelCount: connection.tunnelCount,
      tunnels,
      wasEverUp: connection.status !== "AWAITING_CUSTOMER",
    });
    return target && target !== connection.status ? [{ connection, tunnels, target }] : [];
  });
  for (const group of chunk(moves, 8)) {
    await Promise.all(
      group.map(async ({ connection, tunnels, target }) => {
        if (await moveRequest(connection.id, connection.status, target, tunnels)) {
          transitions++;
          log(`${connection.id}: ${connection.status} → ${target}`);
        }
      }),
    );
  }
  return transitions;
}

async function moveRequest(
  requestId: string,
  from: VpnStatus,
  to: VpnStatus,
  tunnels: { number: number; status: TunnelState }[],
): Promise<boolean> {
  try {
    await transitionVpnRequest({
      requestId,
      by: { system: true, from: [from] },
      to,
      action: `vpn-request.tunnels-${to.toLowerCase()}`,
      details: { tunnels: tunnels.map((tunnel) => `${tunnel.number}:${tunnel.status}`).join(" ") },
    });
    return true;
  } catch (error) {
    // Someone moved it meanwhile (e.g. decommissioning): the next cycle sees the new status.
    if (error instanceof ConflictError) return false;
    throw error;
  }
}
