// Alerts end to end below the UI: emulator telemetry → poller → windowed alert → real SMTP (the
// local mail catcher) and a real signed webhook to a receiver on 127.0.0.1, with retries logged.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import { updateNotificationSettings } from "@/lib/organizations/notification-settings";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { stopBoss } from "@/lib/queue/boss";
import { pollTunnelsOnce } from "@/lib/tunnels/poll-tunnels";
import { confirmPendingAlertEmails } from "@/test/support/alert-emails";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { customerViewer } from "@/test/support/factories";
import { type MailCatcher, startMailCatcher } from "@/test/support/mail-catcher";
import { createApprovedRequest } from "@/test/support/requests";
import type { TestDatabase } from "@/test/support/test-database";
import { setTestEnv, startIsolatedDatabase } from "@/test/support/test-env";
import { openWebhook } from "@/test/support/webhook";
import { deliverAlert } from "./deliver-alert";
import { dispatchDueAlerts } from "./dispatch-due-alerts";

type Received = { headers: Record<string, string | string[] | undefined>; body: string };
let emulator: TestEmulator;
let database: TestDatabase;
let catcher: MailCatcher;
let receiver: Server;
let receiverUrl = "";
let receiverStatus = 200;
const received: Received[] = [];
const SECRET = "integration-test-secret-0123456789";
const WINDOW = 60_000;

beforeAll(async () => {
  // A database of its own: dispatch handles every pending tunnel change, and other files leave theirs.
  database = await startIsolatedDatabase();
  emulator = await startEmulatorForApp();
  catcher = await startMailCatcher();
  setTestEnv({
    SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`,
    ALERT_RETRY_LIMIT: "1",
    ALLOW_LOCAL_WEBHOOKS: "true",
  });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(receiverStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await stopBoss();
  await emulator?.close();
  await catcher?.close();
  receiver?.close();
  await disconnectDb();
  await database?.stop();
});

/** Delivers what is pending one at a time, as the queue does for one organization (its webhook lease). */
async function deliverAll(since: Date) {
  const rows = await db.alertDelivery.findMany({ where: { createdAt: { gte: since }, status: "PENDING" } });
  const outcomes: string[] = [];
  for (const row of rows) outcomes.push(await deliverAlert(row.id).catch((error: Error) => error.message));
  return outcomes;
}

describe("tunnel alerts", () => {
  it("emails and signs a webhook on redundancy lost, holding a flapping tunnel to one alert per window", async () => {
    const { id, customer } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("completed");
    await updateNotificationSettings(customerViewer(customer), {
      notificationEmails: ["noc@example.test"],
      webhookUrl: receiverUrl,
      webhookSecret: SECRET,
    });
    await confirmPendingAlertEmails(customer.organizationId ?? ""); // alerts go to confirmed addresses only (issue 10)
    const { vpnConnectionId } = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    const telemetry = (updates: object[]) =>
      emulator.admin("telemetry", { updates: updates.map((u) => ({ vpnConnectionId, ...u })) });

    // First poll: both tunnels DOWN, never up — not news.
    await pollTunnelsOnce({ batchSize: 100 });
    const t0 = new Date();
    expect(await dispatchDueAlerts({ windowMs: WINDOW, now: t0 })).toEqual({ sent: 0, held: 0 });

    await telemetry([{ status: "UP" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    expect(await dispatchDueAlerts({ windowMs: WINDOW, now: t0 })).toEqual({ sent: 2, held: 0 });
    await deliverAll(t0);
    expect(catcher.messages.map((message) => message.subject).sort()).toEqual([
      expect.stringMatching(/tunnel 1 up, redundancy restored$/),
      expect.stringMatching(/tunnel 2 up$/),
    ]);

    // Tunnel 1 fails, recovers and fails again inside the window: held, then one summary. AWS's
    // telemetry says only "IPSEC IS DOWN" (the cause of a failure is in the tunnel log).
    await telemetry([{ tunnel: 1, status: "DOWN", statusMessage: "IPSEC IS DOWN" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id } })).status).toBe("DEGRADED");
    await telemetry([{ tunnel: 1, status: "UP" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    await telemetry([{ tunnel: 1, status: "DOWN", statusMessage: "IPSEC IS DOWN" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    const t1 = new Date(t0.getTime() + 1000);
    expect(await dispatchDueAlerts({ windowMs: WINDOW, now: t1 })).toEqual({ sent: 0, held: 1 });

    const t2 = new Date(t0.getTime() + WINDOW + 1);
    expect(await dispatchDueAlerts({ windowMs: WINDOW, now: t2 })).toEqual({ sent: 1, held: 0 });
    received.length = 0;
    await deliverAll(t2);
    const mail = catcher.messages.at(-1);
    expect(mail?.subject).toMatch(/tunnel 1 down, redundancy lost$/);
    expect(mail?.envelopeTo).toEqual(["noc@example.test"]);
    expect(mail?.text).toContain("went down 2 time(s) and came up 1 time(s)");
    // No tunnel-log event names a cause here, and none is read from StatusMessage (decision 023).
    expect(mail?.text).toContain("Down; AWS's tunnel log gives no cause yet.");

    expect(received).toHaveLength(1);
    const [hook] = received as [Received];
    expect(openWebhook(hook, SECRET)).toMatchObject({
      kind: "tunnel.down",
      redundancy: { met: false, change: "lost" },
      tunnel: { number: 1, cause: "unknown" },
    });

    const log = await db.alertDelivery.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });
    expect(log.every((row) => row.status === "DELIVERED" && row.attempts === 1)).toBe(true);
  });

  it("records a failing webhook's attempts and error, and marks it FAILED after the last retry", async () => {
    const { id, customer } = await createApprovedRequest();
    await runWorkflow(id);
    await updateNotificationSettings(customerViewer(customer), {
      notificationEmails: [],
      webhookUrl: receiverUrl,
      webhookSecret: SECRET,
    });
    const { vpnConnectionId } = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    await emulator.admin("telemetry", { vpnConnectionId, status: "UP" });
    await pollTunnelsOnce({ batchSize: 100 });
    receiverStatus = 503;
    try {
      await dispatchDueAlerts({ windowMs: WINDOW });
      const [delivery] = await db.alertDelivery.findMany({ where: { requestId: id, tunnelNumber: 1 } });
      if (!delivery) throw new Error("no delivery");
      await expect(deliverAlert(delivery.id)).rejects.toThrow(/HTTP 503/);
      expect(await db.alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
        status: "PENDING",
        attempts: 1,
      });
      expect(await deliverAlert(delivery.id)).toBe("failed");
      expect(await db.alertDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
        status: "FAILED",
        attempts: 2,
        // The class the customer sees, then the detail for staff (issue 10).
        lastError: "HTTP 503 — The receiver answered HTTP 503.",
      });
    } finally {
      receiverStatus = 200;
    }
  });
});
