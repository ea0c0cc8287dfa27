import "server-only";
import { randomUUID } from "node:crypto";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { OrganizationInput } from "@/lib/organizations/organization-schema";

const entitlementFields = { name: true, plan: true, vpnAddOn: true } as const;

/** An admin creates an organization; its `id` is the new platform Org ID. */
export async function createOrganization(input: OrganizationInput, actor: Actor): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const organization = await tx.organization.create({
      data: { id: randomUUID(), name: input.name, plan: input.plan, vpnAddOn: input.vpnAddOn },
      select: { id: true, ...entitlementFields },
    });
    await recordAuditEvent(
      {
        actor,
        action: "organization.created",
        targetType: "Organization",
        targetId: organization.id,
        organizationId: organization.id,
        details: { after: { name: input.name, plan: input.plan, vpnAddOn: input.vpnAddOn } },
      },
      tx,
    );
    return { id: organization.id };
  });
}

/**
 * An admin changes an organization's name, plan or VPN add-on. The entitlement is read from this
 * row on every request (the form and createVpnRequest), so the change holds at once for its users.
 * Audited with the values before and after.
 */
export async function updateOrganization(
  organizationId: string,
  input: OrganizationInput,
  actor: Actor,
): Promise<{ changed: boolean }> {
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({
      where: { id: organizationId },
      select: entitlementFields,
    });
    if (!before) throw new NotFoundError("That organization");
    const after = { name: input.name, plan: input.plan, vpnAddOn: input.vpnAddOn };
    const changed =
      before.name !== after.name || before.plan !== after.plan || before.vpnAddOn !== after.vpnAddOn;
    if (!changed) return { changed: false };
    await tx.organization.update({ where: { id: organizationId }, data: after });
    await recordAuditEvent(
      {
        actor,
        action: "organization.updated",
        targetType: "Organization",
        targetId: organizationId,
        organizationId,
        details: { before, after },
      },
      tx,
    );
    return { changed: true };
  });
}
