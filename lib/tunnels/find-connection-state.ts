import type { Scope } from "@/lib/auth/viewer";
import "server-only";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import { TIMELINE_DAYS, type TimelineStatus, timelineFromRuns } from "@/lib/tunnels/compute-timeline";
import { explainTunnelStatus, type TunnelExplanation } from "@/lib/tunnels/explain-tunnel-status";
import { findTunnelTimelines } from "@/lib/tunnels/find-tunnel-timelines";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import type { StoredTunnelLogEvent } from "@/lib/tunnels/read-tunnel-logs";
import { isIn, TUNNELS_SHOWN_STATUSES, type VpnStatus } from "@/lib/vpn-request/lifecycle";
import { scopedRequestSql } from "@/lib/vpn-request/scope";

export type TunnelView = {
  number: number;
  outsideIp: string | null;
  status: TimelineStatus;
  statusSince: string | null;
  statusMessage: string | null;
  acceptedRouteCount: number | null;
  explanation: TunnelExplanation;
  /** The tunnel's recent tunnel-log events as AWS published them, newest first (DESIGN §10). */
  logEvents: StoredTunnelLogEvent[];
  availabilityPercent: number | null;
  segments: { status: TimelineStatus; from: string; to: string }[];
  changes: { status: TimelineStatus; statusMessage: string | null; occurredAt: string }[];
  /** AWS's pending endpoint maintenance (read by the poller) and its deadline; null: none. */
  maintenance: { pending: string; deadline: string | null } | null;
};

export type ConnectionState = {
  requestId: string;
  status: VpnStatus;
  tunnelCount: number;
  redundancyMet: boolean;
  lastPolledAt: string | null;
  windowFrom: string;
  windowTo: string;
  tunnels: TunnelView[];
};

type StateRow = {
  id: string;
  status: VpnStatus;
  tunnelCount: number;
  lastPolledAt: Date | null;
  tunnelId: string | null;
  number: number | null;
  outsideIp: string | null;
  tunnelStatus: TimelineStatus | null;
  statusSince: Date | null;
  statusMessage: string | null;
  acceptedRouteCount: number | null;
  maintenancePending: string | null;
  maintenanceDeadline: Date | null;
};

/**
 * The dashboard's data for one connection (JSON-safe), scoped like the request pages; null = 404.
 * Polled every few seconds by every open dashboard, so the request and its tunnels are one plain
 * statement (a row per tunnel) with the scope in its `where` (decision 027).
 */
export async function findConnectionState(
  requestId: string,
  scope: Scope,
  now = new Date(),
): Promise<ConnectionState | null> {
  if (!isUuid(requestId)) return null;
  const rows = await readRows<StateRow>(Prisma.sql`
    select r.id, r.status::text as status, r."tunnelCount", r."lastPolledAt",
      t.id as "tunnelId", t.number, t."outsideIp", t.status::text as "tunnelStatus", t."statusSince",
      t."statusMessage", t."acceptedRouteCount", t."maintenancePending", t."maintenanceDeadline"
    from "VpnRequest" r left join "Tunnel" t on t."requestId" = r.id
    where r.id = ${requestId}::uuid ${scopedRequestSql(scope, "r")}
    order by t.number`);
  const [first] = rows;
  if (!first) return null;
  // A request without tunnels yet is one row whose tunnel columns are null (the left join).
  const tunnels = rows.flatMap((row) =>
    row.tunnelId !== null && row.number !== null && row.tunnelStatus !== null
      ? [
          {
            id: row.tunnelId,
            number: row.number,
            outsideIp: row.outsideIp,
            status: row.tunnelStatus,
            statusSince: row.statusSince,
            statusMessage: row.statusMessage,
            acceptedRouteCount: row.acceptedRouteCount,
            maintenancePending: row.maintenancePending,
            maintenanceDeadline: row.maintenanceDeadline,
          },
        ]
      : [],
  );
  return connectionStateOf({ ...first, tunnels }, now);
}

/** What `connectionStateOf` needs of a request: a row the caller already read with its scope. */
export type ConnectionStateSource = {
  id: string;
  status: VpnStatus;
  tunnelCount: number;
  lastPolledAt: Date | null;
  tunnels: readonly {
    id: string;
    number: number;
    outsideIp: string | null;
    status: TimelineStatus;
    statusSince: Date | null;
    statusMessage: string | null;
    acceptedRouteCount: number | null;
    maintenancePending?: string | null;
    maintenanceDeadline?: Date | null;
  }[];
};

/**
 * The dashboard's data from a request already read with the viewer's scope (the request page
 * has it; reading it again would be two more statements per page view).
 */
export async function connectionStateOf(
  request: ConnectionStateSource,
  now = new Date(),
): Promise<ConnectionState> {
  const from = new Date(now.getTime() - TIMELINE_DAYS * 24 * 3_600_000);
  const used = request.tunnels.filter((tunnel) => tunnel.number <= request.tunnelCount);
  // One statement for every tunnel's timeline, availability, latest changes (aggregated in SQL) and
  // stored tunnel-log events.
  const ids = used.map((tunnel) => tunnel.id);
  const histories = await findTunnelTimelines(ids, from, now, { withLog: true });
  const tunnels = used.map((tunnel): TunnelView => {
    const history = histories.get(tunnel.id);
    const timeline = history?.timeline ?? timelineFromRuns([], from, now);
    return {
      number: tunnel.number,
      outsideIp: tunnel.outsideIp,
      status: tunnel.status,
      statusSince: tunnel.statusSince?.toISOString() ?? null,
      statusMessage: tunnel.statusMessage,
      acceptedRouteCount: tunnel.acceptedRouteCount,
      explanation: explainTunnelStatus(tunnel, history?.log.parsed),
      logEvents: history?.log.raw ?? [],
      availabilityPercent: timeline.availabilityPercent,
      segments: timeline.segments.map((segment) => ({
        status: segment.status,
        from: segment.from.toISOString(),
        to: segment.to.toISOString(),
      })),
      changes: (history?.changes ?? []).map((change) => ({
        status: change.status,
        statusMessage: change.statusMessage,
        occurredAt: change.occurredAt.toISOString(),
      })),
      maintenance: tunnel.maintenancePending
        ? { pending: tunnel.maintenancePending, deadline: tunnel.maintenanceDeadline?.toISOString() ?? null }
        : null,
    };
  });
  return {
    requestId: request.id,
    status: request.status,
    tunnelCount: request.tunnelCount,
    redundancyMet: isRedundancyMet(request.tunnelCount, used),
    lastPolledAt: request.lastPolledAt?.toISOString() ?? null,
    windowFrom: from.toISOString(),
    windowTo: now.toISOString(),
    tunnels,
  };
}

/** Whether a request's page shows the tunnel card at all. */
export function showsTunnelState(state: ConnectionState): boolean {
  return state.tunnels.length > 0 && isIn(state.status, TUNNELS_SHOWN_STATUSES);
}
