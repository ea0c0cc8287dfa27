// Confirms an organization's alert addresses the way their owners do: with the token from the
// confirmation mail the portal queued (issue 10).
import { confirmAlertEmail } from "@/lib/alerts/alert-email-confirmation";
import { db } from "@/lib/db";

export function confirmationTokenIn(text: string): string {
  const token = text.match(/confirm-email\?token=([A-Za-z0-9_%-]+)/)?.[1];
  if (!token) throw new Error("no confirmation link in the mail");
  return decodeURIComponent(token);
}

export async function confirmPendingAlertEmails(organizationId: string): Promise<number> {
  const mails = await db.alertDelivery.findMany({ where: { organizationId, kind: "email-confirmation" } });
  let confirmed = 0;
  for (const mail of mails) {
    const { text } = mail.payload as { text: string };
    if ((await confirmAlertEmail(confirmationTokenIn(text))) === "confirmed") confirmed++;
  }
  return confirmed;
}
