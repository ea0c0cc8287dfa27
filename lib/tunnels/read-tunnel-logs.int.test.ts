// The tunnel-log reader against the emulator's CloudWatch Logs through the real SDK and a real
// PostgreSQL: one FilterLogEvents window per Region, events stored once, the card's cause from them.
import { randomUUID } from "node:crypto";
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchDueAlerts } from "@/lib/alerts/dispatch-due-alerts";
import { db, disconnectDb } from "@/lib/db";
import { updateNotificationSettings } from "@/lib/organizations/notification-settings";
import { stopBoss } from "@/lib/queue/boss";
import { findConnectionState } from "@/lib/tunnels/find-connection-state";
import { confirmPendingAlertEmails } from "@/test/support/alert-emails";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { createOrganization, createRequestRow, createUser, customerViewer } from "@/test/support/factories";
import type { TestDatabase } from "@/test/support/test-database";
import { startIsolatedDatabase } from "@/test/support/test-env";
import { readTunnelLogsOnce } from "./read-tunnel-logs";
import { ensureTunnelLogGroup, TUNNEL_LOG_GROUP } from "./tunnel-log-group";

let emulator: TestEmulator;
let database: TestDatabase;
const region = "eu-west-1";
const vpnConnectionId = "vpn-0a1b2c3d4e5f60718";
const outsideIps = ["203.0.113.21", "203.0.113.22"];
let requestId: string;
let organizationId: string;
let customer: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  database = await startIsolatedDatabase();
  emulator = await startEmulatorForApp();
  const org = await createOrganization("ENTERPRISE");
  const user = await createUser("CUSTOMER", org.id);
  organizationId = org.id;
  customer = user;
  requestId = randomUUID();
  await createRequestRow(org.id, user.id, {
    id: requestId,
    customerName: "Logs DC",
    region,
    recommendedRegion: region,
    estimatedRttMs: 10,
    customerGatewayIp: "198.51.100.77",
    subnetRanges: ["10.0.0.0/8"],
    advertisedNetworks: [],
    ikeVersion: "IKEV1",
    status: "AWAITING_CUSTOMER",
    vpnConnectionId,
    tunnels: {
      create: outsideIps.map((outsideIp, index) => ({
        number: index + 1,
        outsideIp,
        insideCidr: `169.254.${index}.0/30`,
        pskEncrypted: "not-used-by-the-reader",
        status: "DOWN" as const,
        statusMessage: "IPSEC IS DOWN",
      })),
    },
  });
}, 120_000);

afterAll(async () => {
  await stopBoss(); // alert dispatch enqueues its deliveries through pg-boss
  await emulator?.close();
  await disconnectDb();
  await database?.stop();
});

const INVALID_PSK = "AWS tunnel payload decryption was unsuccessful due to invalid Pre-shared Key";

/** What AWS (here: the lab bridge's role) publishes for tunnel `number`, in its stream <connection>-<outside IP>. */
async function publish(number: 1 | 2, detail: string, at: number) {
  const outsideIp = outsideIps[number - 1] ?? "";
  const stream = `${vpnConnectionId}-${outsideIp}`;
  const logs = new CloudWatchLogsClient({
    endpoint: emulator.url,
    region,
    credentials: { accessKeyId: "aws-vpn-service", secretAccessKey: "x" },
    maxAttempts: 1,
  });
  await logs
    .send(new CreateLogStreamCommand({ logGroupName: TUNNEL_LOG_GROUP, logStreamName: stream }))
    .catch(() => undefined);
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: TUNNEL_LOG_GROUP,
      logStreamName: stream,
      logEvents: [
        {
          timestamp: at,
          message: JSON.stringify({
            VpnConnectionId: vpnConnectionId,
            TunnelOutsideIPAddress: outsideIp,
            TunnelDPDEnabled: true,
            TunnelCGWNATTDetectionStatus: false,
            TunnelIKEPhase1State: "Down",
            TunnelIKEPhase2State: "Down",
            VpnLogDetail: detail,
          }),
        },
      ],
    }),
  );
  logs.destroy();
}

describe("tunnel-log reader", () => {
  it("creates the Region's log group once (the worker's IAM policy allows it) and keeps retention", async () => {
    const arn = await ensureTunnelLogGroup(region, null);
    expect(arn).toMatch(new RegExp(`^arn:aws:logs:${region}:\\d{12}:log-group:${TUNNEL_LOG_GROUP}$`));
    expect(await ensureTunnelLogGroup(region, null)).toBe(arn);
  });

  it("stores each tunnel's new events once and the card says the cause of each tunnel", async () => {
    const now = Date.now();
    await publish(1, INVALID_PSK, now - 5000);
    await publish(2, "No Proposal Match Found by AWS", now - 4000);

    const first = await readTunnelLogsOnce({});
    expect(first).toMatchObject({ regions: 1, calls: 1, stored: 2, errors: 0 });
    // The overlap re-reads the same window: nothing is stored twice.
    const second = await readTunnelLogsOnce({});
    expect(second.stored).toBe(0);
    expect(await db.tunnelLogEvent.count()).toBe(2);

    const state = await findConnectionState(requestId, { kind: "staff" });
    if (!state) throw new Error(`request ${requestId} is gone`);
    expect(state.tunnels.map((tunnel) => tunnel.explanation.cause)).toEqual([
      "psk-mismatch",
      "no-proposal-match",
    ]);
    expect(state.tunnels[0]?.logEvents[0]?.message).toContain("invalid Pre-shared Key");
  });

  it("alerts a tunnel that was never up once per cause its tunnel log gives, within the window", async () => {
    await updateNotificationSettings(customerViewer(customer), {
      notificationEmails: ["noc@example.test"],
      webhookUrl: null,
      webhookSecret: null,
    });
    await confirmPendingAlertEmails(organizationId);
    const subjects = async () =>
      (await db.alertDelivery.findMany({ where: { requestId }, orderBy: [{ tunnelNumber: "asc" }] })).map(
        (row) => row.payload as { subject: string; body: { kind: string; tunnel: { cause: string } } },
      );
    // The events of the test above: tunnel 1 a key mismatch, tunnel 2 no proposal match. Neither
    // tunnel was ever up, so no change of status is news; the causes are.
    const t0 = new Date();
    const dispatchAt = (msAfterT0: number) =>
      dispatchDueAlerts({ windowMs: 60_000, now: new Date(t0.getTime() + msAfterT0) });
    expect(await dispatchAt(0)).toEqual({ sent: 2, held: 0 });
    const first = await subjects();
    expect(first.map((alert) => alert.subject)).toEqual([
      "[VPN] Logs DC: tunnel 1 not coming up: pre-shared key mismatch",
      "[VPN] Logs DC: tunnel 2 not coming up: no proposal match",
    ]);
    expect(first.map((alert) => [alert.body.kind, alert.body.tunnel.cause])).toEqual([
      ["tunnel.failing", "psk-mismatch"],
      ["tunnel.failing", "no-proposal-match"],
    ]);
    // Nothing new: nothing sent. The same cause logged again: not news either.
    expect(await dispatchAt(0)).toEqual({ sent: 0, held: 0 });
    await publish(1, INVALID_PSK, Date.now() - 1000);
    await readTunnelLogsOnce({});
    expect(await dispatchAt(1000)).toEqual({ sent: 0, held: 0 });
    // Another cause on tunnel 2: held to the window, then one alert naming it.
    await publish(2, "Peer is not responsive - Declaring peer dead", Date.now() - 500);
    await readTunnelLogsOnce({});
    expect(await dispatchAt(2000)).toEqual({ sent: 0, held: 1 });
    expect(await dispatchAt(61_000)).toEqual({ sent: 1, held: 0 });
    expect((await subjects()).map((alert) => alert.subject)).toContain(
      "[VPN] Logs DC: tunnel 2 not coming up: peer not responding",
    );
  });
});
