import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import { enqueueAlertDeliveries } from "@/lib/alerts/enqueue-alert-deliveries";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { type DbTransaction, db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";

// Alert e-mail addresses are confirmed by a link mailed to them before they receive alerts
// (issue 10, DESIGN §13), so the portal cannot be made to mail arbitrary addresses. The link's
// token is stored hashed; a link is good for 7 days; removing an address forgets its confirmation.

const LINK_DAYS = 7;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Brings the organization's confirmation rows in line with its saved addresses (in the settings
 * transaction) and returns the new addresses that need a confirmation mail, with their tokens.
 */
export async function syncAlertEmailConfirmations(
  tx: DbTransaction,
  organizationId: string,
  emails: readonly string[],
): Promise<Array<{ email: string; token: string }>> {
  await tx.alertEmailConfirmation.deleteMany({ where: { organizationId, email: { notIn: [...emails] } } });
  const known = new Set(
    (await tx.alertEmailConfirmation.findMany({ where: { organizationId }, select: { email: true } })).map(
      (row) => row.email,
    ),
  );
  const added = emails
    .filter((email) => !known.has(email))
    .map((email) => ({ email, token: randomBytes(32).toString("base64url") }));
  if (added.length > 0) {
    await tx.alertEmailConfirmation.createMany({
      data: added.map(({ email, token }) => ({ organizationId, email, tokenHash: hashToken(token) })),
    });
  }
  return added;
}

/** Mails each new address its confirmation link, through the alert queue like any alert. */
export async function sendAlertEmailConfirmations(
  organizationId: string,
  added: ReadonlyArray<{ email: string; token: string }>,
): Promise<void> {
  if (added.length === 0) return;
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true },
  });
  const base = getEnv().PUBLIC_URL.replace(/\/$/, "");
  const rows: Prisma.AlertDeliveryCreateManyInput[] = added.map(({ email, token }) => {
    const link = `${base}/settings/confirm-email?token=${encodeURIComponent(token)}`;
    const stored: StoredAlert = {
      subject: `[VPN] Confirm alert e-mails for ${org.name}`,
      text: `Someone in ${org.name} asked for Site-to-Site VPN tunnel alerts to be sent to ${email}.\n\nConfirm within ${LINK_DAYS} days by opening:\n${link}\n\nIf you did not expect this, ignore it: nothing is sent to this address until it is confirmed.`,
      body: { kind: "email-confirmation" },
    };
    return {
      organizationId,
      kind: "email-confirmation",
      channel: "EMAIL",
      target: email,
      payload: stored as unknown as Prisma.InputJsonValue,
    };
  });
  const created = await db.alertDelivery.createManyAndReturn({ data: rows, select: { id: true } });
  await enqueueAlertDeliveries(created.map((row) => row.id));
}

export type ConfirmOutcome = "confirmed" | "invalid" | "expired";

/** Opens a confirmation link: the token alone is the authority (the mailbox's owner may have no account). */
export async function confirmAlertEmail(token: string): Promise<ConfirmOutcome> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return "invalid";
  const row = await db.alertEmailConfirmation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return "invalid";
  if (row.confirmedAt) return "confirmed";
  if (Date.now() - row.createdAt.getTime() > LINK_DAYS * 24 * 60 * 60 * 1000) return "expired";
  await db.alertEmailConfirmation.update({ where: { id: row.id }, data: { confirmedAt: new Date() } });
  await recordAuditEvent({
    actor: { id: null, email: "system" },
    action: "organization.alert-email-confirmed",
    targetType: "Organization",
    targetId: row.organizationId,
    organizationId: row.organizationId,
    details: { email: row.email },
  });
  return "confirmed";
}

/** The organization's alert addresses that were confirmed: the only ones alerts go to. */
export async function findConfirmedAlertEmails(
  organizationId: string,
  emails: readonly string[],
): Promise<string[]> {
  if (emails.length === 0) return [];
  const confirmed = await db.alertEmailConfirmation.findMany({
    where: { organizationId, email: { in: [...emails] }, confirmedAt: { not: null } },
    select: { email: true },
  });
  const set = new Set(confirmed.map((row) => row.email));
  return emails.filter((email) => set.has(email));
}

/** Saved addresses still waiting for their link to be opened (shown on the settings page). */
export async function findUnconfirmedAlertEmails(organizationId: string): Promise<string[]> {
  const rows = await db.alertEmailConfirmation.findMany({
    where: { organizationId, confirmedAt: null },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return rows.map((row) => row.email);
}
