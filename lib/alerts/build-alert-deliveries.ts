import "server-only";
import { findConfirmedAlertEmails } from "@/lib/alerts/alert-email-confirmation";
import type { StoredAlert } from "@/lib/alerts/deliver-alert";
import type { Prisma } from "@/lib/generated/prisma/client";

type Delivery = Prisma.AlertDeliveryCreateManyInput;

/**
 * The delivery rows of one alert: mail to the organization's confirmed addresses only (issue 10),
 * and its webhook if it has one. None when neither is set.
 */
export async function buildAlertDeliveries(
  alert: Omit<Delivery, "channel" | "target" | "payload"> & { stored: StoredAlert },
  organization: { notificationEmails: readonly string[]; webhookUrl: string | null },
): Promise<Delivery[]> {
  const { stored, ...fields } = alert;
  const base = { ...fields, payload: stored as unknown as Prisma.InputJsonValue };
  const emails = await findConfirmedAlertEmails(alert.organizationId, organization.notificationEmails);
  const rows: Delivery[] = [];
  if (emails.length > 0) rows.push({ ...base, channel: "EMAIL", target: emails.join(", ") });
  if (organization.webhookUrl) rows.push({ ...base, channel: "WEBHOOK", target: organization.webhookUrl });
  return rows;
}
