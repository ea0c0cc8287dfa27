// The one way e2e specs wait for the mail the portal sent, read from the catcher (MailDev) through
// mailbox.ts.
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { readCaughtMail } from "./mailbox";
import { E2E_ENV_FILE } from "./settings";

export type Mail = { subject: string; text: string; to: string[] };

function mailCatcherUrl(): string {
  return (JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as { mailCatcherUrl: string }).mailCatcherUrl;
}

async function readMailbox(): Promise<Mail[]> {
  const messages = await readCaughtMail(mailCatcherUrl());
  return messages.map((message) => ({
    subject: message.subject,
    text: message.text,
    to: message.envelopeTo,
  }));
}

/** The newest message to `address` (whose subject matches, if given), waiting for it to arrive. */
export async function waitForMail(address: string, subject?: RegExp, timeout = 20_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const mailbox = await readMailbox();
        found = mailbox
          .filter((mail) => mail.to.includes(address) && (!subject || subject.test(mail.subject)))
          .at(-1);
        return Boolean(found);
      },
      { timeout, message: `no mail to ${address}${subject ? ` matching ${subject}` : ""}` },
    )
    .toBe(true);
  if (!found) throw new Error(`no mail to ${address}`);
  return found;
}

/** The first link in a mail whose path starts with `pathPrefix`, e.g. "/invitations/". */
export function linkIn(mail: Mail, pathPrefix: string): string {
  const link = mail.text
    .match(/https?:\/\/[^\s]+/g)
    ?.find((url) => new URL(url).pathname.startsWith(pathPrefix));
  if (!link) throw new Error(`no ${pathPrefix} link in the mail "${mail.subject}"`);
  return link;
}
