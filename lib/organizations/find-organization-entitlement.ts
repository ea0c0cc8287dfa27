import "server-only";
import { db } from "@/lib/db";
import { checkVpnEntitlement, type VpnEntitlement } from "@/lib/organizations/check-entitlement";

export async function findOrganizationEntitlement(organizationId: string): Promise<VpnEntitlement> {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { plan: true, vpnAddOn: true },
  });
  if (!organization)
    return { entitled: false, reason: "Your organization was not found. Contact platform support." };
  return checkVpnEntitlement(organization);
}
