// A real SMTP catcher for tests and the lab: MailDev (decision 014), in this process, with its own
// mail directory and ports. `messages` is filled as MailDev stores each message, before it answers
// the SMTP DATA command, so a send that resolved is already here.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MailDev } from "maildev";

export type CaughtMessage = {
  id: string;
  receivedAt: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
};

export type MailCatcher = {
  smtpPort: number;
  /** MailDev's web interface; its REST API is under /api (GET /api/email). */
  httpUrl: string;
  messages: CaughtMessage[];
  close(): Promise<void>;
};

type Address = { address: string; name?: string };
/** The part of MailDev's stored email this reads. */
type StoredEmail = {
  id: string;
  time: Date | string;
  subject: string;
  text?: string;
  from: Address[];
  to: Address[];
  envelope: { from: Address | false | null; to: Address[] };
};

const formatAddresses = (addresses: readonly Address[]) =>
  addresses.map((entry) => (entry.name ? `${entry.name} <${entry.address}>` : entry.address)).join(", ");

export function toCaughtMessage(email: StoredEmail): CaughtMessage {
  return {
    id: email.id,
    receivedAt: new Date(email.time).toISOString(),
    envelopeFrom: email.envelope.from ? email.envelope.from.address || null : null,
    envelopeTo: email.envelope.to.map((entry) => entry.address),
    from: formatAddresses(email.from),
    to: formatAddresses(email.to),
    subject: email.subject,
    text: email.text ?? "",
  };
}

export async function startMailCatcher(
  options: { host?: string; smtpPort?: number; httpPort?: number } = {},
): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const mailDirectory = await mkdtemp(path.join(tmpdir(), "vpn-portal-mail-"));
  const maildev = new MailDev({
    smtp: options.smtpPort ?? 0,
    web: options.httpPort ?? 0,
    ip: host,
    webIp: host,
    mailDirectory,
    silent: true,
  });
  const servers = await maildev.start();
  const messages: CaughtMessage[] = [];
  // MailDev emits "new" once it has stored a message and before it accepts the DATA command.
  servers.smtp.on("new", (email: StoredEmail) => messages.push(toCaughtMessage(email)));
  const web = servers.api?.getAddress();
  return {
    smtpPort: servers.smtp.getPort(),
    httpUrl: `http://${host}:${web?.port ?? 0}`,
    messages,
    async close() {
      await maildev.stop();
      await rm(mailDirectory, { recursive: true, force: true });
    },
  };
}
