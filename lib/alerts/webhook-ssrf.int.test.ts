// The SSRF table (issue 10 acceptance): webhook URLs that point inward, in every form we know of,
// stored as if the save-time check had been passed (or DNS changed since), are refused AT DELIVERY
// and nothing reaches the local listeners. Names resolve through a resolver this test controls.
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealWebhookSecret } from "@/lib/organizations/webhook-secret";
import { createOrganization } from "@/test/support/factories";
import { deliverAlert, setWebhookResolverForTests } from "./deliver-alert";
import { deliveryErrorForCustomer } from "./delivery-error";
import { postWebhook, type Resolver } from "./post-webhook";

let port = 0;
let connections = 0;
const listeners: Server[] = [];

const NAMES: Record<string, Array<{ address: string; family: number }>> = {
  "rebind.example.com": [{ address: "127.0.0.1", family: 4 }],
  "inward.example.com": [{ address: "10.1.2.3", family: 4 }],
  "metadata.example.com": [{ address: "169.254.169.254", family: 4 }],
  "mixed.example.com": [
    { address: "93.184.216.34", family: 4 },
    { address: "127.0.0.1", family: 4 },
  ],
  "v6-loopback.example.com": [{ address: "::1", family: 6 }],
  "mapped.example.com": [{ address: "::ffff:127.0.0.1", family: 6 }],
  "nat64.example.com": [{ address: "64:ff9b::7f00:1", family: 6 }],
};
const resolved: string[] = [];
const testResolver: Resolver = async (hostname) => {
  resolved.push(hostname);
  const answer = NAMES[hostname];
  if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return answer;
};

// Every form, with the local listeners' port where the address could be one of theirs.
const forms = (p: number) => [
  `https://127.0.0.1:${p}/`,
  `https://localhost:${p}/`,
  `https://LOCALHOST.:${p}/`,
  `https://app.localhost:${p}/`,
  `https://[::1]:${p}/`,
  `https://[::]:${p}/`,
  `https://0.0.0.0:${p}/`,
  `https://[::ffff:127.0.0.1]:${p}/`,
  "https://[::ffff:169.254.169.254]/",
  `https://[::7f00:1]:${p}/`,
  "https://[fec0::1]/",
  `https://[64:ff9b::7f00:1]:${p}/`,
  "https://[64:ff9b::a9fe:a9fe]/",
  "https://[fe80::1]/",
  "https://[fd00::1]/",
  "https://[2002:7f00:1::1]/",
  "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
  "https://[2001:db8::1]/",
  "https://198.18.0.1/",
  "https://192.0.2.10/",
  "https://169.254.169.254/latest/meta-data/",
  "https://10.0.0.1/",
  "https://172.16.0.1/",
  "https://192.168.1.1/",
  "https://100.64.0.1/",
  "https://224.0.0.1/",
  "https://255.255.255.255/",
  `https://2130706433:${p}/`,
  `https://0x7f.0.0.1:${p}/`,
  `https://0177.0.0.1:${p}/`,
  `https://127.1:${p}/`,
  "https://foo.internal./",
  "https://metadata/",
  "https://printer.local/",
  `https://rebind.example.com:${p}/`,
  "https://inward.example.com/",
  "https://metadata.example.com/",
  `https://mixed.example.com:${p}/`,
  `https://v6-loopback.example.com:${p}/`,
  `https://mapped.example.com:${p}/`,
  `https://nat64.example.com:${p}/`,
  `http://127.0.0.1:${p}/`,
  `https://user:secret@127.0.0.1:${p}/`,
];

beforeAll(async () => {
  setWebhookResolverForTests(testResolver);
  const first = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => first.listen(0, "127.0.0.1", resolve));
  port = (first.address() as { port: number }).port;
  listeners.push(first);
  const v6 = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    v6.once("error", reject);
    v6.listen(port, "::1", resolve);
  }).catch(() => undefined); // no IPv6 loopback here: the IPv4 listener still counts
  listeners.push(v6);
});

afterAll(() => {
  setWebhookResolverForTests(undefined);
  for (const listener of listeners) listener.close();
});

describe("webhook SSRF at delivery", () => {
  it("refuses every inward URL form when delivering, and nothing reaches a local listener", async () => {
    const org = await createOrganization();
    await db.organization.update({
      where: { id: org.id },
      data: { webhookSecretEncrypted: sealWebhookSecret(org.id, "ssrf-table-secret-0123456789") },
    });
    const table = forms(port);
    const rows: Array<{ url: string; outcome: string; customerSees: string | null }> = [];
    for (const url of table) {
      const delivery = await db.alertDelivery.create({
        data: {
          organizationId: org.id,
          kind: "test",
          channel: "WEBHOOK",
          target: url,
          payload: { subject: "SSRF", text: "SSRF", body: { kind: "test" } },
        },
      });
      const outcome = await deliverAlert(delivery.id);
      const row = await db.alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
      rows.push({ url, outcome, customerSees: deliveryErrorForCustomer(row.lastError) });
      expect({ url, outcome, status: row.status }).toEqual({ url, outcome: "failed", status: "FAILED" });
      expect(row.lastError, url).toMatch(/^refused: /);
    }
    console.log(
      `[ssrf] ${table.length} URL forms refused at delivery, ${connections} connections reached the local listeners`,
    );
    expect(table.length).toBeGreaterThanOrEqual(25);
    expect(connections).toBe(0);
    // The customer's delivery log says why in a class, never the raw connect error.
    expect(new Set(rows.map((row) => row.customerSees))).toEqual(
      new Set(["refused: private address", "refused: not https", "refused: credentials in URL"]),
    );
  });

  it("connects to the address it checked: the name is resolved once, and the socket is pinned to it", async () => {
    let seenHost = "";
    const receiver: HttpServer = createHttpServer((req, res) => {
      seenHost = req.headers.host ?? "";
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const receiverPort = (receiver.address() as { port: number }).port;
    resolved.length = 0;
    try {
      // Allowed only because this call says local targets are fine (development); the point is pinning.
      const outcome = await postWebhook(`http://rebind.example.com:${receiverPort}/hook`, {
        headers: { "content-type": "application/json" },
        body: "{}",
        timeoutMs: 5000,
        allowLocal: true,
        resolver: testResolver,
      });
      expect(outcome).toEqual({ ok: true, status: 204, address: "127.0.0.1" });
      expect(resolved).toEqual(["rebind.example.com"]);
      expect(seenHost).toBe(`rebind.example.com:${receiverPort}`);
    } finally {
      receiver.close();
    }
  });

  it("does not follow redirects", async () => {
    const receiver: HttpServer = createHttpServer((_req, res) => {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const receiverPort = (receiver.address() as { port: number }).port;
    try {
      const outcome = await postWebhook(`http://127.0.0.1:${receiverPort}/hook`, {
        headers: {},
        body: "{}",
        timeoutMs: 5000,
        allowLocal: true,
      });
      expect(outcome).toMatchObject({ ok: false, errorClass: "HTTP 302" });
    } finally {
      receiver.close();
    }
  });
});
