import "server-only";
import { buildAlertDeliveries } from "@/lib/alerts/build-alert-deliveries";
import { alertRequestOf, composeAlert } from "@/lib/alerts/compose-alert";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import {
  type AlertTunnelStatus,
  planTunnelAlert,
  redundancyChange,
  type TunnelAlertSummary,
} from "@/lib/alerts/plan-tunnel-alert";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isFailureCause } from "@/lib/tunnels/explain-tunnel-logs";
import { explainTunnelStatus } from "@/lib/tunnels/explain-tunnel-status";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import { findRecentTunnelLogEvents } from "@/lib/tunnels/read-tunnel-logs";
import { isProvisioned, PROVISIONED_STATUSES } from "@/lib/vpn-request/lifecycle";

/**
 * Turns tunnel changes no alert has covered yet into alerts, at most one per tunnel per window
 * (lib/alerts/plan-tunnel-alert.ts): one AlertDelivery per channel, queued for sending. Run by the
 * tunnel poller after each cycle, so a held alert goes out within one poll of its window ending.
 */
export async function dispatchDueAlerts(options: {
  windowMs: number;
  now?: Date;
}): Promise<{ sent: number; held: number }> {
  const now = options.now ?? new Date();
  const pending = await db.tunnelEvent.findMany({
    where: { alertedAt: null },
    orderBy: { occurredAt: "asc" },
    select: { id: true, tunnelId: true, status: true, statusMessage: true, occurredAt: true },
  });
  const byTunnel = new Map<string, typeof pending>();
  for (const event of pending) byTunnel.set(event.tunnelId, [...(byTunnel.get(event.tunnelId) ?? []), event]);

  let sent = 0;
  let held = 0;
  const queued: string[] = [];
  for (const [tunnelId, events] of byTunnel) {
    const tunnel = await findAlertTunnel(tunnelId);
    const { request } = tunnel;
    const before = await db.tunnelEvent.findFirst({
      where: { tunnelId, alertedAt: { not: null } },
      orderBy: { occurredAt: "desc" },
      select: { status: true },
    });
    const lastAlert = await lastAlertAt(tunnel);
    const plan = planTunnelAlert({
      pending: events,
      statusBefore: (before?.status ?? "UNKNOWN") as AlertTunnelStatus,
      lastAlertAt: lastAlert,
      now,
      windowMs: options.windowMs,
    });
    const eventIds = events.map((event) => event.id);
    if (plan.action === "wait") {
      held++;
      continue;
    }
    // A tunnel of a request beyond use (decommissioned…) or a tunnel it does not use alerts no one.
    const relevant = tunnel.number <= request.tunnelCount && isProvisioned(request.status);
    if (plan.action === "consume" || !relevant) {
      await db.tunnelEvent.updateMany({ where: { id: { in: eventIds } }, data: { alertedAt: now } });
      continue;
    }
    queued.push(
      ...(await queueTunnelAlert({ tunnel, request, summary: plan.summary, now, eventIds, everUp: true })),
    );
    sent++;
  }
  const causes = await dispatchCauseAlerts({ now, windowMs: options.windowMs });
  sent += causes.sent;
  held += causes.held;
  queued.push(...causes.queued);
  // A delivery whose enqueue is lost here is queued again by the worker's sweep
  // (requeueLostAlertDeliveries).
  await enqueueAlertDeliveries(queued);
  return { sent, held };
}

const ALERT_TUNNEL_INCLUDE = {
  request: {
    include: {
      organization: { select: { id: true, notificationEmails: true, webhookUrl: true } },
      tunnels: { select: { number: true, status: true } },
    },
  },
} satisfies Prisma.TunnelInclude;

/** When the last alert of this tunnel (not a test) was made; null: never. */
async function lastAlertAt(tunnel: { requestId: string; number: number }): Promise<Date | null> {
  const last = await db.alertDelivery.findFirst({
    where: { requestId: tunnel.requestId, tunnelNumber: tunnel.number, kind: { not: "test" } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return last?.createdAt ?? null;
}

/** A tunnel with what its alert needs: the request, its organization's channels and its tunnels. */
const findAlertTunnel = (id: string) =>
  db.tunnel.findUniqueOrThrow({ where: { id }, include: ALERT_TUNNEL_INCLUDE });
type AlertTunnel = Awaited<ReturnType<typeof findAlertTunnel>>;

/**
 * Composes one tunnel alert and stores a delivery per channel, marking the tunnel changes it
 * covers and the cause it carried in the same transaction; returns the deliveries to enqueue.
 */
async function queueTunnelAlert({
  tunnel,
  request,
  summary,
  now,
  eventIds,
  everUp,
}: {
  tunnel: AlertTunnel;
  request: AlertTunnel["request"];
  summary: TunnelAlertSummary;
  now: Date;
  eventIds: string[];
  everUp: boolean;
}): Promise<string[]> {
  const met = isRedundancyMet(request.tunnelCount, request.tunnels);
  const change = request.tunnelCount === 2 ? redundancyChange(request.redundancyAlerted, met) : null;
  const logEvents = (await findRecentTunnelLogEvents([tunnel.id])).get(tunnel.id)?.parsed ?? [];
  const alert = composeAlert({
    organizationId: request.organizationId,
    request: alertRequestOf(request),
    tunnel: {
      number: tunnel.number,
      outsideIp: tunnel.outsideIp,
      status: tunnel.status,
      statusMessage: tunnel.statusMessage,
      acceptedRouteCount: tunnel.acceptedRouteCount,
    },
    summary,
    redundancy: { met, change },
    sentAt: now,
    logEvents,
    everUp,
  });
  const stored: StoredAlert = { subject: alert.subject, text: alert.text, body: alert.payload };
  const channels = await buildAlertDeliveries(
    {
      organizationId: request.organizationId,
      requestId: request.id,
      tunnelNumber: tunnel.number,
      kind: alert.kind,
      stored,
      createdAt: now,
    },
    request.organization,
  );
  const created = await db.$transaction(async (tx) => {
    if (eventIds.length > 0)
      await tx.tunnelEvent.updateMany({ where: { id: { in: eventIds } }, data: { alertedAt: now } });
    // What this alert said of the cause: a cause alert follows only when the log says another.
    await tx.tunnel.update({
      where: { id: tunnel.id },
      data: { causeAlerted: alert.payload.tunnel.cause, causeCheckedAt: now },
    });
    if (request.tunnelCount === 2)
      await tx.vpnRequest.update({ where: { id: request.id }, data: { redundancyAlerted: met } });
    return tx.alertDelivery.createManyAndReturn({ data: channels, select: { id: true } });
  });
  return created.map((row) => row.id);
}

/**
 * A DOWN tunnel whose tunnel log gives a cause no alert of it has carried (pre-shared key
 * mismatch, no proposal match… DESIGN §10) alerts once per cause, through the same window, even
 * when it was never up: a new connection the customer's router cannot bring up is news, though
 * its first DOWN is not. Looks only at tunnels with log events stored since it last looked.
 */
async function dispatchCauseAlerts(options: {
  now: Date;
  windowMs: number;
}): Promise<{ sent: number; held: number; queued: string[] }> {
  const { now } = options;
  const candidates = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "Tunnel" t JOIN "VpnRequest" r ON r.id = t."requestId"
    WHERE t.status = 'DOWN' AND t.number <= r."tunnelCount"
      AND r.status::text = ANY(${[...PROVISIONED_STATUSES]}::text[])
      AND EXISTS (SELECT 1 FROM "TunnelLogEvent" e WHERE e."tunnelId" = t.id
                  AND e."createdAt" > COALESCE(t."causeCheckedAt", '-infinity'::timestamp))`;
  const result = { sent: 0, held: 0, queued: [] as string[] };
  if (candidates.length === 0) return result;
  const ids = candidates.map((candidate) => candidate.id);
  const logEvents = await findRecentTunnelLogEvents(ids);
  for (const id of ids) {
    const tunnel = await findAlertTunnel(id);
    const events = logEvents.get(id)?.parsed ?? [];
    const explanation = explainTunnelStatus(tunnel, events);
    const cause = explanation.cause;
    const evidence = explanation.evidence;
    const news = isFailureCause(cause) && cause !== tunnel.causeAlerted;
    if (!news || !evidence) {
      await db.tunnel.update({ where: { id }, data: { causeCheckedAt: now } });
      continue;
    }
    const lastAlert = await lastAlertAt(tunnel);
    if (lastAlert && now.getTime() < lastAlert.getTime() + options.windowMs) {
      result.held++; // looked at again next cycle, once the window has passed
      continue;
    }
    const everUp =
      (await db.tunnelEvent.findFirst({ where: { tunnelId: id, status: "UP" }, select: { id: true } })) !==
      null;
    const at = new Date(evidence.at);
    const summary: TunnelAlertSummary = {
      kind: "tunnel.failing",
      from: "DOWN",
      to: "DOWN",
      wentDown: 0,
      cameUp: 0,
      firstAt: at,
      lastAt: at,
      lastMessage: tunnel.statusMessage,
    };
    result.queued.push(
      ...(await queueTunnelAlert({ tunnel, request: tunnel.request, summary, now, eventIds: [], everUp })),
    );
    result.sent++;
  }
  return result;
}
