import "server-only";
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { ec2For } from "@/lib/aws/ec2-client";
import { db } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { readTelemetry, requestStatusFor, type TunnelState } from "@/lib/tunnels/read-telemetry";
import { PROVISIONED_STATUSES } from "@/lib/vpn-request/lifecycle";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

export type PollResult = {
  calls: number;
  connections: number;
  changes: number;
  transitions: number;
  errors: number;
};

type Connection = Awaited<ReturnType<typeof findPolledConnections>>[number];

function findPolledConnections() {
  return db.vpnRequest.findMany({
    where: { status: { in: [...PROVISIONED_STATUSES] }, vpnConnectionId: { not: null } },
    select: {
      id: true,
      region: true,
      status: true,
      tunnelCount: true,
      vpnConnectionId: true,
      tunnels: {
        select: {
          id: true,
          number: true,
          outsideIp: true,
          status: true,
          statusMessage: true,
          statusSince: true,
          acceptedRouteCount: true,
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
 * One poll cycle: reads the telemetry of every provisioned connection with one
 * DescribeVpnConnections call per `batchSize` connections per region (never one per tunnel),
 * records what changed as TunnelEvent rows and on Tunnel, and moves each request to the status its
 * tunnels call for (DESIGN §3) through the one status writer.
 */
export async function pollTunnelsOnce(options: {
  batchSize: number;
  log?: (line: string) => void;
}): Promise<PollResult> {
  const log = options.log ?? (() => {});
  const result: PollResult = { calls: 0, connections: 0, changes: 0, transitions: 0, errors: 0 };
  const connections = await findPolledConnections();
  const byRegion = new Map<string, Connection[]>();
  for (const connection of connections)
    byRegion.set(connection.region, [...(byRegion.get(connection.region) ?? []), connection]);

  const batches = [...byRegion].flatMap(([region, list]) =>
    chunk(list, options.batchSize).map((batch) => ({ region, batch })),
  );
  // A few batches at a time: quick for many connections, gentle on the EC2 API rate limits.
  for (const group of chunk(batches, 4)) {
    await Promise.all(
      group.map(async ({ region, batch }) => {
        try {
          result.calls++;
          const answer = await ec2For(region).send(
            // A filter (unlike VpnConnectionId.N) does not fail the whole batch when one ID is gone.
            new DescribeVpnConnectionsCommand({
              Filters: [{ Name: "vpn-connection-id", Values: batch.map((c) => c.vpnConnectionId ?? "") }],
            }),
          );
          const seen = new Map((answer.VpnConnections ?? []).map((vpn) => [vpn.VpnConnectionId, vpn]));
          for (const connection of batch) {
            const vpn = seen.get(connection.vpnConnectionId ?? "");
            if (!vpn) continue;
            result.connections++;
            const outcome = await applyTelemetry(connection, vpn.VgwTelemetry ?? [], log);
            result.changes += outcome.changes;
            result.transitions += outcome.transitioned ? 1 : 0;
          }
          await db.vpnRequest.updateMany({
            where: { id: { in: batch.map((c) => c.id) } },
            data: { lastPolledAt: new Date() },
          });
        } catch (error) {
          result.errors++;
          log(
            `tunnel poll of ${batch.length} connection(s) in ${region} failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }),
    );
  }
  return result;
}

async function applyTelemetry(
  connection: Connection,
  telemetry: Parameters<typeof readTelemetry>[1],
  log: (line: string) => void,
): Promise<{ changes: number; transitioned: boolean }> {
  const changes = readTelemetry(connection.tunnels, telemetry);
  if (changes.length > 0) {
    const now = new Date();
    await db.$transaction([
      ...changes.map((change) =>
        db.tunnel.update({
          where: { id: change.tunnelId },
          data: {
            status: change.status,
            statusMessage: change.statusMessage,
            statusSince: change.statusSince,
            acceptedRouteCount: change.acceptedRouteCount,
          },
        }),
      ),
      db.tunnelEvent.createMany({
        data: changes.map((change) => ({
          tunnelId: change.tunnelId,
          requestId: connection.id,
          status: change.status,
          statusMessage: change.statusMessage,
          acceptedRouteCount: change.acceptedRouteCount,
          // AWS's own time of a status change; a message or route change is stamped when seen.
          occurredAt: change.statusChanged && change.statusSince ? change.statusSince : now,
        })),
      }),
    ]);
  }
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
  if (!target || target === connection.status) return { changes: changes.length, transitioned: false };
  try {
    await transitionVpnRequest({
      requestId: connection.id,
      by: { system: true, from: [connection.status] },
      to: target,
      action: `vpn-request.tunnels-${target.toLowerCase()}`,
      details: { tunnels: tunnels.map((tunnel) => `${tunnel.number}:${tunnel.status}`).join(" ") },
    });
    log(`${connection.id}: ${connection.status} → ${target}`);
    return { changes: changes.length, transitioned: true };
  } catch (error) {
    // Someone moved it meanwhile (e.g. decommissioning): the next cycle sees the new status.
    if (error instanceof ConflictError) return { changes: changes.length, transitioned: false };
    throw error;
  }
}
