// Reads the mail the e2e server's catcher (MailDev, decision 014) has caught, over its REST API.
export type CaughtMail = { subject: string; text: string; envelopeTo: string[] };

type MailDevEmail = { subject: string; text?: string; envelope: { to: { address: string }[] } };

export async function readCaughtMail(mailCatcherUrl: string): Promise<CaughtMail[]> {
  const response = await fetch(`${mailCatcherUrl}/api/email`);
  if (!response.ok) throw new Error(`The mail catcher answered HTTP ${response.status}.`);
  const emails = (await response.json()) as MailDevEmail[];
  return emails.map((email) => ({
    subject: email.subject,
    text: email.text ?? "",
    envelopeTo: email.envelope.to.map((recipient) => recipient.address),
  }));
}
