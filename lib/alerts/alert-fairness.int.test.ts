// Fairness between organizations in the alert queue (issue 10): one organization's webhook that
// never answers (a tarpit) holds one worker slot, and another organization's alert still goes
// out — through the real queue (pg-boss), the real worker options and the real delivery code.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "@/test/support/test-database";
import { setTestEnv, startIsolatedDatabase } from "@/test/support/test-env";

let database: TestDatabase;
let tarpit: Server;
let receiver: Server;
const held: ServerResponse[] = [];
let tarpitConnections = 0;
/** The tarpit's requests open at once, and the most there ever were. */
let inFlight = 0;
let mostInFlight = 0;
/** Set once the test lets the hanging endpoint recover: it then answers 204 at once. */
let tarpitAnswers = false;

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`),
    ),
  );

beforeAll(async () => {
  database = await startIsolatedDatabase();
  // The hanging webhook must hang for the whole test: on a loaded machine delivering the other
  // organization's alert can take longer than the default 10 s timeout, and a timed-out attempt
  // would free the slot for the slow organization's next alert (a second connection).
  setTestEnv({ ALLOW_LOCAL_WEBHOOKS: "true", ALERT_RETRY_LIMIT: "0", ALERT_WEBHOOK_TIMEOUT_MS: "60000" });
  tarpit = createServer((_req, res) => {
    tarpitConnections++;
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.on("close", () => inFlight--);
    if (tarpitAnswers) res.writeHead(204).end();
    else held.push(res); // not answered until the test lets the endpoint recover
  });
  receiver = createServer((_req, res) => res.writeHead(204).end());
});

afterAll(async () => {
  for (const res of held) res.destroy();
  tarpit?.close();
  receiver?.close();
  const { stopBoss } = await import("@/lib/queue/boss");
  const { disconnectDb } = await import("@/lib/db");
  await stopBoss();
  await disconnectDb();
  await database?.stop();
});

describe("alert queue fairness", () => {
  it("sends one of an organization's webhooks at a time: a second started at the same moment is busy and waits its turn", async () => {
    const { db } = await import("@/lib/db");
    const { deliverAlert } = await import("./deliver-alert");
    const { sealWebhookSecret } = await import("@/lib/organizations/webhook-secret");
    const { createOrganization } = await import("@/test/support/factories");
    // Holds each POST until the test lets it go, so the first delivery is in flight for certain.
    const waiting: ServerResponse[] = [];
    const holding = createServer((_req, res) => waiting.push(res));
    const url = await listen(holding);
    const org = await createOrganization();
    await db.organization.update({
      where: { id: org.id },
      data: { webhookSecretEncrypted: sealWebhookSecret(org.id, "fairness-secret-0123456789") },
    });
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        db.alertDelivery.create({
          data: {
            organizationId: org.id,
            kind: "tunnel-down",
            channel: "WEBHOOK",
            target: url,
            payload: { subject: "down", text: "down", body: { kind: "tunnel-down" } },
          },
        }),
      ),
    );
    const sends = [first, second].map((row) => deliverAlert(row?.id ?? ""));
    // The one that found the organization busy answers while the other's POST is still held.
    expect(await Promise.race(sends)).toBe("busy");
    await expect.poll(() => waiting.length).toBe(1);
    for (const res of waiting.splice(0)) res.writeHead(204).end();
    expect((await Promise.all(sends)).sort()).toEqual(["busy", "delivered"]);
    const rows = await db.alertDelivery.findMany({ where: { organizationId: org.id } });
    const busy = rows.find((row) => row.status === "PENDING");
    // Nothing was sent for the busy one, so no attempt is counted against its retries…
    expect(busy?.attempts).toBe(0);
    // …and once the first is done the organization's next webhook goes out.
    const again = deliverAlert(busy?.id ?? "");
    await expect.poll(() => waiting.length).toBe(1);
    for (const res of waiting.splice(0)) res.writeHead(204).end();
    expect(await again).toBe("delivered");
    holding.close();
  });

  it("the webhook lease: one holder at a time, taken again by its own delivery, void once run out", async () => {
    const { randomUUID } = await import("node:crypto");
    const { takeWebhookLease, releaseWebhookLease } = await import("./webhook-lease");
    const { createOrganization } = await import("@/test/support/factories");
    const org = await createOrganization();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const takes = await Promise.all([a, b].map((delivery) => takeWebhookLease(org.id, delivery, 1000)));
    expect([...takes].sort()).toEqual([false, true]);
    const holder = takes[0] ? a : b;
    const other = holder === a ? b : a;
    expect(await takeWebhookLease(org.id, holder, 1000)).toBe(true); // its worker died mid-send
    await releaseWebhookLease(org.id, other); // not the holder's to give back
    expect(await takeWebhookLease(org.id, c, 1000)).toBe(false);
    // 1 s timeout + the margin: run out two minutes on, whoever holds it.
    expect(await takeWebhookLease(org.id, c, 1000, new Date(Date.now() + 120_000))).toBe(true);
    await releaseWebhookLease(org.id, c);
    expect(await takeWebhookLease(org.id, other, 1000)).toBe(true);
  });

  it("lets another organization's alert through while one organization's webhook hangs, then sends the hanging one's alerts one at a time", async () => {
    const { db } = await import("@/lib/db");
    const { getBoss } = await import("@/lib/queue/boss");
    const { alertDeliveryJob } = await import("@/lib/jobs/registry");
    const { enqueueAlertDeliveries } = await import("./enqueue-alert-deliveries");
    const { getEnv } = await import("@/lib/env");
    const { workJobs } = await import("@/lib/jobs/work-jobs");
    const { sealWebhookSecret } = await import("@/lib/organizations/webhook-secret");
    const { createOrganization } = await import("@/test/support/factories");
    const [tarpitUrl, receiverUrl] = [await listen(tarpit), await listen(receiver)];

    const slow = await createOrganization();
    const fast = await createOrganization();
    for (const org of [slow, fast]) {
      await db.organization.update({
        where: { id: org.id },
        data: { webhookSecretEncrypted: sealWebhookSecret(org.id, "fairness-secret-0123456789") },
      });
    }
    const delivery = (organizationId: string, target: string) =>
      db.alertDelivery.create({
        data: {
          organizationId,
          kind: "tunnel-down",
          channel: "WEBHOOK",
          target,
          payload: { subject: "down", text: "down", body: { kind: "tunnel-down" } },
        },
      });
    // The slow organization's alerts are queued first, more of them than there are worker slots.
    const slowDeliveries: Awaited<ReturnType<typeof delivery>>[] = [];
    for (let i = 0; i < 3; i++) slowDeliveries.push(await delivery(slow.id, tarpitUrl));
    await enqueueAlertDeliveries(slowDeliveries.map((row) => row.id));
    const fastDelivery = await delivery(fast.id, receiverUrl);
    await enqueueAlertDeliveries([fastDelivery.id]);

    const boss = await getBoss({ worker: true });
    // The worker's own code for the alert queue: its options (two slots, one job per organization
    // at a time) and its handler (a delivery whose organization is busy is queued again).
    await workJobs(boss, [alertDeliveryJob]);

    await expect
      .poll(
        async () => (await db.alertDelivery.findUniqueOrThrow({ where: { id: fastDelivery.id } })).status,
        {
          timeout: 30_000,
        },
      )
      .toBe("DELIVERED");
    // Meanwhile the slow organization has had exactly one delivery in flight.
    expect(tarpitConnections).toBe(1);
    const attempted = await db.alertDelivery.count({
      where: { id: { in: slowDeliveries.map((row) => row.id) }, attempts: { gt: 0 } },
    });
    expect(attempted).toBe(1);
    console.log(
      `[fairness] ${alertDeliveryJob.work(getEnv()).localConcurrency} worker slots, 3 alerts to a hanging webhook queued first: the other organization's alert delivered with ${tarpitConnections} connection held by the slow one`,
    );

    // The endpoint recovers: the held POST is answered, and the two alerts that found the
    // organization busy (queued again, not failed, though no retries are allowed) go out one by one.
    tarpitAnswers = true;
    for (const res of held.splice(0)) res.writeHead(204).end();
    await expect
      .poll(
        () =>
          db.alertDelivery.count({
            where: { id: { in: slowDeliveries.map((row) => row.id) }, status: "DELIVERED" },
          }),
        { timeout: 30_000 },
      )
      .toBe(3);
    expect(tarpitConnections).toBe(3);
    expect(mostInFlight).toBe(1);
  });
});
