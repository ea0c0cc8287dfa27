import "server-only";
import { GetVpnTunnelReplacementStatusCommand } from "@aws-sdk/client-ec2";
import { ec2For } from "@/lib/aws/ec2-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { CallPacer } from "@/lib/tunnels/pace-calls";

/** AWS answers one tunnel per call: a cycle spends at most this many calls on maintenance. */
export const MAINTENANCE_CALLS_PER_CYCLE = 20;

export type MaintenanceConnection = {
  id: string;
  maintenanceCheckedAt: Date | null;
  region: string;
  awsAccount: PoolAccount | null;
  vpnConnectionId: string | null;
  tunnels: {
    id: string;
    outsideIp: string | null;
    maintenancePending: string | null;
    maintenanceDeadline: Date | null;
  }[];
};

/**
 * The poll cycle's maintenance part (issue 12): GetVpnTunnelReplacementStatus for each tunnel of
 * the connections read in the cycle whose status is the oldest (not read for
 * TUNNEL_MAINTENANCE_CHECK_MS, 10 minutes: AWS announces a maintenance days ahead), within a per-cycle budget and through the cycle's pacer — so a
 * portal of thousands of connections spreads these reads over cycles instead of doubling every
 * cycle's calls. A tunnel whose pending maintenance (or deadline) changed is written; a new one
 * has no alert yet.
 */
export async function pollTunnelMaintenance(
  connections: readonly MaintenanceConnection[],
  options: { pacer: CallPacer; log: (line: string) => void; callsPerCycle?: number; now?: Date },
): Promise<{ calls: number; changes: number; errors: number }> {
  const { pacer, log } = options;
  const now = options.now ?? new Date();
  const everyMs = getEnv().TUNNEL_MAINTENANCE_CHECK_MS;
  let budget = options.callsPerCycle ?? MAINTENANCE_CALLS_PER_CYCLE;
  const result = { calls: 0, changes: 0, errors: 0 };
  const due = connections
    .filter(
      (c) =>
        c.vpnConnectionId &&
        (!c.maintenanceCheckedAt || now.getTime() - c.maintenanceCheckedAt.getTime() >= everyMs),
    )
    .sort((a, b) => (a.maintenanceCheckedAt?.getTime() ?? 0) - (b.maintenanceCheckedAt?.getTime() ?? 0));
  const checked: string[] = [];
  for (const connection of due) {
    const tunnels = connection.tunnels.filter((tunnel) => tunnel.outsideIp);
    if (tunnels.length > budget) break;
    budget -= tunnels.length;
    checked.push(connection.id);
    const ec2 = ec2For(connection.region, connection.awsAccount);
    for (const tunnel of tunnels) {
      try {
        await pacer.take();
        result.calls++;
        const answer = await ec2.send(
          new GetVpnTunnelReplacementStatusCommand({
            VpnConnectionId: connection.vpnConnectionId ?? "",
            VpnTunnelOutsideIpAddress: tunnel.outsideIp ?? "",
          }),
        );
        const pending = answer.MaintenanceDetails?.PendingMaintenance ?? null;
        const deadline = pending ? (answer.MaintenanceDetails?.MaintenanceAutoAppliedAfter ?? null) : null;
        if (
          pending === tunnel.maintenancePending &&
          deadline?.getTime() === tunnel.maintenanceDeadline?.getTime()
        )
          continue;
        result.changes++;
        await db.tunnel.update({
          where: { id: tunnel.id },
          data: { maintenancePending: pending, maintenanceDeadline: deadline, maintenanceAlertedAt: null },
        });
      } catch (error) {
        result.errors++;
        log(
          `maintenance status of ${connection.vpnConnectionId} ${tunnel.outsideIp} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
  if (checked.length > 0)
    await db.vpnRequest.updateMany({ where: { id: { in: checked } }, data: { maintenanceCheckedAt: now } });
  return result;
}
