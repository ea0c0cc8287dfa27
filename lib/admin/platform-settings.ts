import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, readRows } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

export type PlatformSettings = {
  supportedRegions: readonly string[];
  autoApproveKnownEnterpriseGateways: boolean;
};

const ID = "platform";

/**
 * The settings an admin manages (DESIGN §11). Until an admin saves them there is no row, and the
 * deployment's defaults hold: SUPPORTED_REGIONS from the environment, no auto-approval.
 */
export async function getPlatformSettings(): Promise<PlatformSettings> {
  // Read by the request form and the connections page on every view: plain SQL (decision 027).
  const [row] = await readRows<{
    supportedRegions: string[] | null;
    autoApproveKnownEnterpriseGateways: boolean;
  }>(Prisma.sql`
    select "supportedRegions", "autoApproveKnownEnterpriseGateways" from "PlatformSettings" where id = ${ID}`);
  if (!row)
    return { supportedRegions: getEnv().SUPPORTED_REGIONS, autoApproveKnownEnterpriseGateways: false };
  return {
    // A list column never written is NULL in the table; Prisma read it as [].
    supportedRegions: row.supportedRegions ?? [],
    autoApproveKnownEnterpriseGateways: row.autoApproveKnownEnterpriseGateways,
  };
}

/** Saves the settings; audited with before/after. Requests already filed keep their region. */
export async function updatePlatformSettings(
  next: PlatformSettings,
  actor: Actor,
): Promise<{ changed: boolean }> {
  const before = await getPlatformSettings();
  const after = {
    supportedRegions: [...next.supportedRegions],
    autoApproveKnownEnterpriseGateways: next.autoApproveKnownEnterpriseGateways,
  };
  const changed =
    before.autoApproveKnownEnterpriseGateways !== after.autoApproveKnownEnterpriseGateways ||
    before.supportedRegions.join(",") !== after.supportedRegions.join(",");
  if (!changed) return { changed: false };
  await db.$transaction(async (tx) => {
    await tx.platformSettings.upsert({ where: { id: ID }, create: { id: ID, ...after }, update: after });
    await recordAuditEvent(
      {
        actor,
        action: "platform-settings.updated",
        targetType: "PlatformSettings",
        targetId: ID,
        details: { before: { ...before, supportedRegions: [...before.supportedRegions] }, after },
      },
      tx,
    );
  });
  return { changed: true };
}
