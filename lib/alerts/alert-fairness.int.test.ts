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
    held.push(res); // never answered while the test runs
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
  it("lets another organization's alert through while one organization's webhook hangs", async () => {
    const { db } = await import("@/lib/db");
    const { getBoss } = await import("@/lib/queue/boss");
    const { alertDeliveryJob } = await import("@/lib/jobs/registry");
    const { enqueueAlertDeliveries } = await import("./enqueue-alert-deliveries");
    const { getEnv } = await import("@/lib/env");
    const { deliverAlert } = await import("./deliver-alert");
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
    const slowDeliveries = [];
    for (let i = 0; i < 3; i++) slowDeliveries.push(await delivery(slow.id, tarpitUrl));
    await enqueueAlertDeliveries(slowDeliveries.map((row) => row.id));
    const fastDelivery = await delivery(fast.id, receiverUrl);
    await enqueueAlertDeliveries([fastDelivery.id]);

    const boss = await getBoss({ worker: true });
    // The alert job's own worker options (groupConcurrency: one job per organization at a time).
    await boss.work<{ deliveryId: string }>(
      alertDeliveryJob.name,
      alertDeliveryJob.work(getEnv()),
      async (jobs) => {
        for (const job of jobs) await deliverAlert(job.data.deliveryId);
      },
    );

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
  });
});
