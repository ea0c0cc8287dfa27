import "server-only";
import { buildAlertDeliveries } from "@/lib/alerts/build-alert-deliveries";
import { alertRequestOf, composeAlert } from "@/lib/alerts/compose-alert";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import { type AlertTunnelStatus, planTunnelAlert, redundancyChange } from "@/lib/alerts/plan-tunnel-alert";
import { db } from "@/lib/db";
import { isRedundancyMet } from "@/lib/tunnels/read-telemetry";
import { findRecentTunnelLogEvents } from "@/lib/tunnels/read-tunnel-logs";
import { isProvisioned } from "@/lib/vpn-request/lifecycle";

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
    const tunnel = await db.tunnel.findUniqueOrThrow({
      where: { id: tunnelId },
      include: {
        request: {
          include: {
            organization: { select: { id: true, notificationEmails: true, webhookUrl: true } },
            tunnels: { select: { number: true, status: true } },
          },
        },
      },
    });
    const { request } = tunnel;
    const before = await db.tunnelEvent.findFirst({
      where: { tunnelId, alertedAt: { not: null } },
      orderBy: { occurredAt: "desc" },
      select: { status: true },
    });
    const lastAlert = await db.alertDelivery.findFirst({
      where: { requestId: request.id, tunnelNumber: tunnel.number, kind: { not: "test" } },
      orderBy: { createdAt: "desc" },
      select: { createdAt: true },
    });
    const plan = planTunnelAlert({
      pending: events,
      statusBefore: (before?.status ?? "UNKNOWN") as AlertTunnelStatus,
      lastAlertAt: lastAlert?.createdAt ?? null,
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
      summary: plan.summary,
      redundancy: { met, change },
      sentAt: now,
      logEvents,
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
      await tx.tunnelEvent.updateMany({ where: { id: { in: eventIds } }, data: { alertedAt: now } });
      if (request.tunnelCount === 2)
        await tx.vpnRequest.update({ where: { id: request.id }, data: { redundancyAlerted: met } });
      return tx.alertDelivery.createManyAndReturn({ data: channels, select: { id: true } });
    });
    queued.push(...created.map((row) => row.id));
    sent++;
  }
  // A delivery whose enqueue is lost here is queued again by the worker's sweep
  // (requeueLostAlertDeliveries).
  await enqueueAlertDeliveries(queued);
  return { sent, held };
}
