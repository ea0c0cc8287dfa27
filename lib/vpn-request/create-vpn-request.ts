import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { CustomerViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import { checkVpnEntitlement } from "@/lib/organizations/check-entitlement";
import { recommendRegion } from "@/lib/regions/recommend-region";
import { CLOSED_STATUSES } from "@/lib/vpn-request/lifecycle";
import type { RequestSettings } from "@/lib/vpn-request/request-settings";
import type { VpnRequestInput } from "@/lib/vpn-request/schema";

/** Requests that no longer count towards the organization's limit. */

/** Files a customer's request as PENDING_APPROVAL, after the checks only the server can make. */
export async function createVpnRequest(
  input: VpnRequestInput,
  actor: Pick<CustomerViewer, "id" | "email" | "organizationId">,
  settings: RequestSettings,
): Promise<{ id: string }> {
  if (input.orgId !== actor.organizationId) {
    throw new UserFacingError(
      `Org ID must be your own organization's ID (${actor.organizationId}); requests are filed for the organization you are signed in to.`,
      "orgId",
    );
  }
  const organization = await db.organization.findUnique({ where: { id: actor.organizationId } });
  if (!organization) throw new UserFacingError("Your organization no longer exists. Contact support.");
  const entitlement = checkVpnEntitlement(organization);
  if (!entitlement.entitled) throw new UserFacingError(entitlement.reason);

  const recommendation = recommendRegion(input.location, settings.supportedRegions);
  if (!recommendation) throw new UserFacingError("Choose your location from the list.", "location");
  const chosen = recommendation.options.find((option) => option.region === input.region);
  if (!chosen) {
    throw new UserFacingError(
      `Region must be one of ${settings.supportedRegions.join(", ")}; we recommend ${recommendation.recommended.region}.`,
      "region",
    );
  }

  return db.$transaction(async (tx) => {
    // Per-organization limit (issue 10). Counted under a lock on the organization's row, so two
    // concurrent submissions cannot both take the last place.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organization.id}::uuid FOR UPDATE`;
    const open = await tx.vpnRequest.count({
      where: { organizationId: organization.id, status: { notIn: [...CLOSED_STATUSES] } },
    });
    const limit = getEnv().MAX_OPEN_REQUESTS_PER_ORGANIZATION;
    if (open >= limit) {
      throw new UserFacingError(
        `Your organization already has ${open} open VPN requests or connections, the most allowed at once (${limit}). Cancel or decommission one you no longer need, or ask support to raise the limit.`,
      );
    }
    const request = await tx.vpnRequest.create({
      data: {
        organizationId: organization.id,
        customerName: input.customerName,
        location: input.location,
        region: input.region,
        recommendedRegion: recommendation.recommended.region,
        estimatedRttMs: chosen.rttMs,
        customerGatewayIp: input.customerGatewayIp,
        routing: input.routing,
        subnetRanges: input.routing === "STATIC" ? input.subnetRanges : [],
        bgpAsn: input.routing === "BGP" && input.bgpAsn !== null ? BigInt(input.bgpAsn) : null,
        advertisedNetworks: input.routing === "BGP" ? input.advertisedNetworks : [],
        ikeVersion: input.ikeVersion,
        tunnelCount: input.tunnelCount,
        submittedById: actor.id,
      },
      select: { id: true },
    });
    await recordAuditEvent(
      {
        actor,
        action: "vpn-request.submitted",
        targetType: "VpnRequest",
        targetId: request.id,
        organizationId: organization.id,
        details: { region: input.region, routing: input.routing, tunnels: input.tunnelCount },
      },
      tx,
    );
    return request;
  });
}
