// Reads the tunnel logs AWS publishes (DESIGN §10) into the database, from the poller's cycle: one
// FilterLogEvents window per Region (paged), from a stored cursor, every connection's events in
// it; the page and the alert read the stored events, never CloudWatch Logs (decision 023).
import "server-only";
import { FilterLogEventsCommand, ResourceNotFoundException } from "@aws-sdk/client-cloudwatch-logs";
import { logsFor } from "@/lib/aws/logs-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import { db, readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseTunnelLogEvent, type TunnelLogEvent } from "@/lib/tunnels/explain-tunnel-logs";
import { TUNNEL_LOG_GROUP } from "@/lib/tunnels/tunnel-log-group";
import { PROVISIONED_STATUSES } from "@/lib/vpn-request/lifecycle";

/** CloudWatch Logs may ingest an event after a later one: each window re-reads this much (deduplicated by eventId). */
const OVERLAP_MS = 60_000;
/** A first read (or one after a long stop) starts this far back. */
const FIRST_WINDOW_MS = 3_600_000;
const MAX_PAGES_PER_REGION = 20;
/** Recent events kept per tunnel: enough for the cause and the raw view, not an archive. */
export const KEPT_EVENTS_PER_TUNNEL = 50;

export type TunnelLogReadResult = { regions: number; calls: number; stored: number; errors: number };

export async function readTunnelLogsOnce(options: {
  log?: (line: string) => void;
  now?: Date;
}): Promise<TunnelLogReadResult> {
  const now = options.now ?? new Date();
  const connections = await db.vpnRequest.findMany({
    where: { status: { in: [...PROVISIONED_STATUSES] }, vpnConnectionId: { not: null } },
    select: {
      region: true,
      vpnConnectionId: true,
      awsAccount: { select: { id: true, roleArn: true, externalId: true } },
      tunnels: { select: { id: true, outsideIp: true } },
    },
  });
  // Which tunnel an event belongs to: AWS names the connection and the tunnel's outside IP in it.
  const tunnelOf = new Map<string, string>();
  // Logs live in the account that owns each connection: one window per account and Region.
  const scopes = new Map<string, { region: string; account: PoolAccount | null }>();
  for (const connection of connections) {
    scopes.set(`${connection.awsAccount?.id ?? "-"}:${connection.region}`, {
      region: connection.region,
      account: connection.awsAccount,
    });
    for (const tunnel of connection.tunnels)
      if (tunnel.outsideIp) tunnelOf.set(`${connection.vpnConnectionId}|${tunnel.outsideIp}`, tunnel.id);
  }
  const regions = new Set([...scopes.values()].map((scope) => scope.region));
  const result: TunnelLogReadResult = { regions: regions.size, calls: 0, stored: 0, errors: 0 };
  const touched = new Set<string>();
  for (const [scope, { region, account }] of scopes) {
    try {
      const cursor = await db.tunnelLogCursor.findUnique({ where: { scope } });
      const startTime = (cursor?.readTo.getTime() ?? now.getTime() - FIRST_WINDOW_MS) - OVERLAP_MS;
      const rows: {
        tunnelId: string;
        eventId: string;
        logStream: string;
        timestamp: Date;
        message: string;
      }[] = [];
      let nextToken: string | undefined;
      let complete = false;
      let readTo = startTime;
      for (let page = 0; page < MAX_PAGES_PER_REGION; page++) {
        result.calls++;
        const found = await logsFor(region, account).send(
          new FilterLogEventsCommand({
            logGroupName: TUNNEL_LOG_GROUP,
            startTime,
            endTime: now.getTime(),
            nextToken,
          }),
        );
        for (const event of found.events ?? []) {
          if (event.timestamp === undefined || !event.message || !event.eventId) continue;
          readTo = Math.max(readTo, event.timestamp);
          const parsed = parseTunnelLogEvent(event.timestamp, event.message);
          const tunnelId = tunnelOf.get(`${parsed?.VpnConnectionId}|${parsed?.TunnelOutsideIPAddress}`);
          if (!tunnelId) continue;
          touched.add(tunnelId);
          rows.push({
            tunnelId,
            eventId: event.eventId,
            logStream: event.logStreamName ?? "",
            timestamp: new Date(event.timestamp),
            message: event.message,
          });
        }
        nextToken = found.nextToken;
        if (!nextToken) {
          complete = true;
          break;
        }
      }
      if (rows.length > 0)
        result.stored += (await db.tunnelLogEvent.createMany({ data: rows, skipDuplicates: true })).count;
      // A window read to its end moves the cursor to its end; a cut one to its last event.
      const next = new Date(complete ? now.getTime() : readTo);
      await db.tunnelLogCursor.upsert({
        where: { scope },
        create: { scope, readTo: next },
        update: { readTo: next },
      });
    } catch (error) {
      // No log group yet in this Region (nothing provisioned there since logs were enabled).
      if (error instanceof ResourceNotFoundException) continue;
      result.errors++;
      options.log?.(`tunnel logs ${region}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (touched.size > 0) await pruneTunnelLogEvents([...touched]);
  options.log?.(
    `tunnel logs: ${result.regions} region(s), ${result.calls} call(s), ${result.stored} new event(s), ${result.errors} error(s)`,
  );
  return result;
}

/** Keeps each tunnel's newest KEPT_EVENTS_PER_TUNNEL events (one statement). */
async function pruneTunnelLogEvents(tunnelIds: string[]): Promise<void> {
  await db.$executeRaw`
    DELETE FROM "TunnelLogEvent" e USING (
      SELECT id, row_number() OVER (PARTITION BY "tunnelId" ORDER BY "timestamp" DESC, id) AS n
      FROM "TunnelLogEvent" WHERE "tunnelId" = ANY(${tunnelIds}::uuid[])
    ) ranked
    WHERE e.id = ranked.id AND ranked.n > ${KEPT_EVENTS_PER_TUNNEL}`;
}

export type StoredTunnelLogEvent = { timestamp: string; logStream: string; message: string };

export type TunnelLogEntries = { parsed: TunnelLogEvent[]; raw: StoredTunnelLogEvent[] };

/** One stored tunnel-log event as a statement reads it. */
export type TunnelLogRow = { tunnelId: string; timestamp: Date; logStream: string; message: string };

/** The stored events of the tunnels `ids` (a uuid[] expression), as `TunnelLogRow`s, newest first. */
export function tunnelLogRowsSql(ids: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`select "tunnelId"::text as "tunnelId", timestamp, "logStream", message
    from "TunnelLogEvent" where "tunnelId" = any(${ids})
    order by "tunnelId", timestamp desc`;
}

/** Each tunnel's stored events, newest first: parsed for the cause, raw for the viewer. */
export async function findRecentTunnelLogEvents(
  tunnelIds: readonly string[],
): Promise<Map<string, TunnelLogEntries>> {
  if (tunnelIds.length === 0) return new Map();
  // Read with every alert check: one plain statement over the (tunnelId, timestamp) index (decision 027).
  return tunnelLogEntriesOf(
    await readRows<TunnelLogRow>(tunnelLogRowsSql(Prisma.sql`${[...tunnelIds]}::uuid[]`)),
  );
}

/** Stored events, grouped by tunnel in the order given: parsed for the cause, raw for the viewer. */
export function tunnelLogEntriesOf(rows: readonly TunnelLogRow[]): Map<string, TunnelLogEntries> {
  const out = new Map<string, TunnelLogEntries>();
  for (const row of rows) {
    const entry = out.get(row.tunnelId) ?? { parsed: [], raw: [] };
    const parsed = parseTunnelLogEvent(row.timestamp.getTime(), row.message);
    if (parsed) entry.parsed.push(parsed);
    entry.raw.push({
      timestamp: row.timestamp.toISOString(),
      logStream: row.logStream,
      message: row.message,
    });
    out.set(row.tunnelId, entry);
  }
  return out;
}
