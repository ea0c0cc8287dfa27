import "server-only";
import { db } from "@/lib/db";

/**
 * The request's position (1-based) among its organization's provisioned requests, oldest first
 * (submission time, then ID): the N of "the organization's Nth connection" from which the device
 * parameters' non-colliding defaults derive (device-params.ts). A request counts once it has a VPN
 * connection ID, and keeps counting after decommissioning, so N never changes under a live device.
 */
export async function findConnectionIndex(request: {
  id: string;
  organizationId: string;
  submittedAt: Date;
}): Promise<number> {
  const earlier = await db.vpnRequest.count({
    where: {
      organizationId: request.organizationId,
      vpnConnectionId: { not: null },
      OR: [
        { submittedAt: { lt: request.submittedAt } },
        { submittedAt: request.submittedAt, id: { lt: request.id } },
      ],
    },
  });
  return earlier + 1;
}
