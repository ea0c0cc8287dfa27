// A local SMTP server that keeps every message in memory and shows them over HTTP: GET / (a page
// for developers), GET /messages (JSON for tests), DELETE /messages. For development and tests only:
// it accepts any sender, any recipient and any password.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { type CaughtMessage, parseMessage } from "@/lib/alerts/parse-mail-message";

export type MailCatcher = {
  smtpPort: number;
  httpUrl: string;
  messages: CaughtMessage[];
  close(): Promise<void>;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char,
  );

function page(messages: readonly CaughtMessage[]): string {
  const items = [...messages]
    .reverse()
    .map(
      (message) =>
        `<article><h2>${escapeHtml(message.subject || "(no subject)")}</h2><p><strong>To:</strong> ${escapeHtml(message.to)} · <strong>From:</strong> ${escapeHtml(message.from)} · ${escapeHtml(message.receivedAt)}</p><pre>${escapeHtml(message.text)}</pre></article>`,
    )
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail catcher</title><meta http-equiv="refresh" content="5"><style>body{font-family:system-ui;max-width:60rem;margin:2rem auto;padding:0 1rem}article{border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0}pre{white-space:pre-wrap}</style></head><body><h1>Mail catcher: ${messages.length} message(s)</h1>${items || "<p>No mail yet. Alerts the portal sends appear here.</p>"}</body></html>`;
}

export async function startMailCatcher(
  options: { host?: string; smtpPort?: number; httpPort?: number; log?: (line: string) => void } = {},
): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const log = options.log ?? (() => {});
  const messages: CaughtMessage[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: "catcher" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const { headers, text } = parseMessage(raw);
        const message: CaughtMessage = {
          id: nextId++,
          receivedAt: new Date().toISOString(),
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          from: headers.from ?? "",
          to: headers.to ?? "",
          subject: headers.subject ?? "",
          text,
          raw,
        };
        messages.push(message);
        log(`mail ${message.id} to ${message.envelopeTo.join(", ")}: ${message.subject}`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });

  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://catcher");
    if (req.method === "GET" && url.pathname === "/messages") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ messages }));
    } else if (req.method === "DELETE" && url.pathname === "/messages") {
      messages.length = 0;
      res.writeHead(204).end();
    } else if (req.method === "GET" && url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(page(messages));
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "GET /, GET /messages or DELETE /messages" }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.httpPort ?? 0, host, () => resolve());
  });

  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  return {
    smtpPort,
    httpUrl: `http://${host}:${httpPort}`,
    messages,
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
