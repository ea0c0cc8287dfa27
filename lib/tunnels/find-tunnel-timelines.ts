import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Timeline, type TimelineStatus, timelineFromRuns } from "@/lib/tunnels/compute-timeline";
import { type TunnelLogEntries, tunnelLogEntriesOf } from "@/lib/tunnels/read-tunnel-logs";

export type TunnelChange = { status: TimelineStatus; statusMessage: string | null; occurredAt: Date };
/** `log`: the tunnel's stored tunnel-log events, newest first (empty unless asked for). */
export type TunnelHistory = { timeline: Timeline; changes: TunnelChange[]; log: TunnelLogEntries };

type Row =
  | {
      kind: "run" | "change";
      tunnelId: string;
      status: TimelineStatus;
      statusMessage: string | null;
      from: Date;
      to: Date | null;
      logStream: null;
    }
  | {
      /** A stored tunnel-log event: its message in `statusMessage`, its timestamp in `from`. */
      kind: "log";
      tunnelId: string;
      status: null;
      statusMessage: string;
      from: Date;
      to: null;
      logStream: string;
    };

/**
 * The timeline and availability of several tunnels over [from, to), and each one's latest changes,
 * in one statement: PostgreSQL collapses the period's events into status runs (window functions
 * over the (tunnelId, occurredAt) index), so the page receives one row per status change, not one
 * per event (message and route-count events, repeated statuses). Equal to `computeTimeline` over
 * the same events (find-tunnel-timelines.int.test.ts). With `withLog`, the same statement also
 * reads each tunnel's stored tunnel-log events (what `findRecentTunnelLogEvents` reads): the
 * dashboard shows both, and a statement fewer per page view and per poll is worth a union arm.
 */
export async function findTunnelTimelines(
  tunnelIds: readonly string[],
  from: Date,
  to: Date,
  { latestChanges = 20, withLog = false }: { latestChanges?: number; withLog?: boolean } = {},
): Promise<Map<string, TunnelHistory>> {
  const histories = new Map<string, TunnelHistory>();
  if (tunnelIds.length === 0) return histories;
  const ids = [...tunnelIds];
  const rows = await readRows<Row>(Prisma.sql`
    with ids as (select unnest(${ids}::uuid[]) as id),
    events as (
      -- the status at the start of the period: the last event at or before it
      select ids.id as tunnel_id, s.status, ${from}::timestamp as at
      from ids cross join lateral (
        select status from "TunnelEvent"
        where "tunnelId" = ids.id and "occurredAt" <= ${from}::timestamp
        order by "occurredAt" desc limit 1
      ) s
      union all
      select "tunnelId", status, "occurredAt" from "TunnelEvent"
      where "tunnelId" = any(${ids}::uuid[])
        and "occurredAt" > ${from}::timestamp and "occurredAt" < ${to}::timestamp
    ),
    marked as (
      select tunnel_id, status, at,
        lag(status) over (partition by tunnel_id order by at) as previous
      from events
    ),
    runs as (
      select tunnel_id, status, at,
        coalesce(lead(at) over (partition by tunnel_id order by at), ${to}::timestamp) as until
      from marked where previous is distinct from status
    )
    select 'run' as kind, tunnel_id::text as "tunnelId", status::text as status,
      null::text as "statusMessage", at as "from", until as "to", null::text as "logStream"
    from runs
    union all
    select 'change', ids.id::text, c.status::text, c."statusMessage", c."occurredAt", null, null
    from ids cross join lateral (
      select status, "statusMessage", "occurredAt" from "TunnelEvent"
      where "tunnelId" = ids.id and "occurredAt" > ${from}::timestamp
      order by "occurredAt" desc limit ${latestChanges}
    ) c
    ${
      withLog
        ? Prisma.sql`union all
    select 'log', l."tunnelId"::text, null, l.message, l.timestamp, null, l."logStream"
    from "TunnelLogEvent" l where l."tunnelId" = any(${ids}::uuid[])`
        : Prisma.empty
    }`);
  // A union's rows come in no particular order: the log's newest first, as it is read alone.
  const logs = tunnelLogEntriesOf(
    rows
      .flatMap((row) =>
        row.kind === "log"
          ? [
              {
                tunnelId: row.tunnelId,
                timestamp: row.from,
                logStream: row.logStream,
                message: row.statusMessage,
              },
            ]
          : [],
      )
      .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime()),
  );
  for (const id of ids) {
    const runs = rows.flatMap((row) =>
      row.kind === "run" && row.tunnelId === id
        ? [{ status: row.status, from: row.from, to: row.to ?? to }]
        : [],
    );
    const changes = rows
      .flatMap((row) =>
        row.kind === "change" && row.tunnelId === id
          ? [{ status: row.status, statusMessage: row.statusMessage, occurredAt: row.from }]
          : [],
      )
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
    const log = logs.get(id) ?? { parsed: [], raw: [] };
    histories.set(id, { timeline: timelineFromRuns(runs, from, to), changes, log });
  }
  return histories;
}
