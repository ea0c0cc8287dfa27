import "server-only";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";

/**
 * A decommissioned VPN's PSKs are of no further use and must not outlive it (issue 10): the sealed
 * values are emptied (the column stays, "" = wiped). Called once the teardown's steps are all
 * done, before the request becomes DECOMMISSIONED, so a crash in between only repeats the wipe.
 */
export async function wipeTunnelSecrets(requestId: string): Promise<number> {
  const { count } = await db.tunnel.updateMany({
    where: { requestId, pskEncrypted: { not: "" } },
    data: { pskEncrypted: "" },
  });
  if (count > 0) {
    const request = await db.vpnRequest.findUnique({
      where: { id: requestId },
      select: { organizationId: true },
    });
    await recordAuditEvent({
      actor: SYSTEM_ACTOR,
      action: "vpn-request.secrets-wiped",
      targetType: "VpnRequest",
      targetId: requestId,
      organizationId: request?.organizationId ?? null,
      details: { tunnels: count },
    });
  }
  return count;
}
