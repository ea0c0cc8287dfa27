import "server-only";
import { buildAlertDeliveries } from "@/lib/alerts/build-alert-deliveries";
import { alertRequestOf } from "@/lib/alerts/compose-alert";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import { db } from "@/lib/db";
import { isProvisioned } from "@/lib/vpn-request/lifecycle";

export const MAINTENANCE_ALERT_KIND = "tunnel.maintenance";

/**
 * One alert per pending AWS tunnel maintenance (issue 12), by email and webhook like the tunnel
 * alerts: the tunnel's maintenanceAlertedAt is set in the same transaction as its deliveries, and
 * the poller clears it only when AWS reports another maintenance.
 */
export async function dispatchMaintenanceAlerts(now = new Date()): Promise<{ sent: number }> {
  const tunnels = await db.tunnel.findMany({
    where: { maintenancePending: { not: null }, maintenanceAlertedAt: null },
    include: {
      request: {
        select: {
          id: true,
          organizationId: true,
          customerName: true,
          region: true,
          status: true,
          tunnelCount: true,
          vpnConnectionId: true,
          organization: { select: { notificationEmails: true, webhookUrl: true } },
        },
      },
    },
  });
  const queued: string[] = [];
  for (const tunnel of tunnels) {
    const { request } = tunnel;
    const relevant = tunnel.number <= request.tunnelCount && isProvisioned(request.status);
    const deadline = tunnel.maintenanceDeadline?.toISOString() ?? null;
    const subject = `VPN ${request.customerName}: AWS maintenance pending on tunnel ${tunnel.number}`;
    const text = [
      `AWS has scheduled a maintenance (${tunnel.maintenancePending}) on tunnel ${tunnel.number} (${tunnel.outsideIp ?? "no outside IP"}) of the VPN ${request.customerName} in ${request.region}.`,
      deadline
        ? `AWS applies it itself after ${deadline}; the tunnel goes down while it renegotiates.`
        : "The tunnel goes down while it renegotiates.",
      'Apply it at a time you choose with "Apply maintenance now" on the VPN\'s page, once the other tunnel is up.',
    ].join("\n");
    const body = {
      kind: MAINTENANCE_ALERT_KIND,
      organizationId: request.organizationId,
      request: alertRequestOf(request),
      tunnel: { number: tunnel.number, outsideIp: tunnel.outsideIp },
      maintenance: { pending: tunnel.maintenancePending, autoAppliedAfter: deadline },
      sentAt: now.toISOString(),
    };
    const stored: StoredAlert = { subject, text, body };
    const channels = relevant
      ? await buildAlertDeliveries(
          {
            organizationId: request.organizationId,
            requestId: request.id,
            tunnelNumber: tunnel.number,
            kind: MAINTENANCE_ALERT_KIND,
            stored,
            createdAt: now,
          },
          request.organization,
        )
      : [];
    const created = await db.$transaction(async (tx) => {
      // Compare-and-set: two dispatchers never alert the same maintenance twice.
      const marked = await tx.tunnel.updateMany({
        where: { id: tunnel.id, maintenanceAlertedAt: null, maintenancePending: tunnel.maintenancePending },
        data: { maintenanceAlertedAt: now },
      });
      if (marked.count === 0 || channels.length === 0) return [];
      return tx.alertDelivery.createManyAndReturn({ data: channels, select: { id: true } });
    });
    queued.push(...created.map((row) => row.id));
  }
  await enqueueAlertDeliveries(queued);
  return { sent: queued.length };
}
