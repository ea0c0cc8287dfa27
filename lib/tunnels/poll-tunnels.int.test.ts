// The tunnel poller against the emulator through the real SDK, at the scale of an account with
// its VPN quota raised: 500 connections, read in batches, never one call per tunnel.
import { randomUUID } from "node:crypto";
import {
  CreateCustomerGatewayCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { untilVisible } from "@/lib/aws/eventual-consistency";
import { EMULATOR_CREDENTIALS } from "@/lib/aws/pool-credentials";
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { createOrganization, createUser } from "@/test/support/factories";
import type { TestDatabase } from "@/test/support/test-database";
import { startIsolatedDatabase } from "@/test/support/test-env";
import { pollTunnelsOnce } from "./poll-tunnels";

// Two regions, so batches are grouped per region (an EC2 client answers for one region only).
const REGIONS = { "eu-west-1": 300, "us-west-2": 200 } as const;
const TOTAL = 500;

let emulator: TestEmulator;
let database: TestDatabase;
type Made = { requestId: string; vpnConnectionId: string; region: string };
const made: Made[] = [];

/** The portal's tag on a fixture resource (the worker's IAM policy lets it create only tagged ones). */
const taggedFor = (
  requestId: string,
  ResourceType: "customer-gateway" | "vpn-gateway" | "vpn-connection",
) => [{ ResourceType, Tags: [{ Key: "portal:request-id", Value: requestId }] }];

async function createConnections(region: string, count: number, organizationId: string, userId: string) {
  // The worker's credentials (its IAM policy applies), but not its paced client: the emulator's
  // throttling is off for the set-up, and pacing 500 creates to AWS's buckets took 100 s. NotFound
  // right after a create is "not yet", as in the worker.
  const ec2 = new EC2Client({
    region,
    endpoint: emulator.url,
    credentials: EMULATOR_CREDENTIALS,
    maxAttempts: 1,
  });
  const settled = <T>(work: () => Promise<T>) =>
    untilVisible(work, { windowMs: getEnv().AWS_CONSISTENCY_WINDOW_MS });
  const cgw = await ec2.send(
    new CreateCustomerGatewayCommand({
      Type: "ipsec.1",
      BgpAsn: 65010,
      PublicIp: "198.51.100.77",
      TagSpecifications: taggedFor(`scale-${region}`, "customer-gateway"),
    }),
  );
  const requestIds = Array.from({ length: count }, () => randomUUID());
  const vpns: { id: string; outsideIps: string[] }[] = [];
  // AWS allows 10 VPN connections per virtual private gateway (a fixed limit): one gateway per 10.
  for (let start = 0; start < count; start += 10) {
    const vgw = await ec2.send(
      new CreateVpnGatewayCommand({
        Type: "ipsec.1",
        AmazonSideAsn: 64512,
        TagSpecifications: taggedFor(`scale-${region}-${start}`, "vpn-gateway"),
      }),
    );
    const page = await Promise.all(
      requestIds.slice(start, start + 10).map((requestId) =>
        settled(() =>
          ec2.send(
            new CreateVpnConnectionCommand({
              Type: "ipsec.1",
              CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
              VpnGatewayId: vgw.VpnGateway?.VpnGatewayId,
              Options: { StaticRoutesOnly: true },
              // Each its own request's (an identical CreateVpnConnection would return the same one).
              TagSpecifications: taggedFor(requestId, "vpn-connection"),
            }),
          ),
        ),
      ),
    );
    for (const answer of page) {
      const vpn = answer.VpnConnection;
      vpns.push({
        id: vpn?.VpnConnectionId ?? "",
        outsideIps: (vpn?.Options?.TunnelOptions ?? []).map((t) => t.OutsideIpAddress ?? ""),
      });
    }
  }
  const rows = vpns.map((vpn, index) => ({ requestId: requestIds[index] ?? randomUUID(), vpn, index }));
  await db.vpnRequest.createMany({
    data: rows.map(({ requestId, vpn, index }) => ({
      id: requestId,
      organizationId,
      customerName: `Scale ${region} ${index}`,
      location: "ie-dub",
      region,
      recommendedRegion: region,
      estimatedRttMs: 10,
      customerGatewayIp: "198.51.100.77",
      routing: "STATIC" as const,
      subnetRanges: ["10.0.0.0/8"],
      advertisedNetworks: [],
      ikeVersion: "IKEV2" as const,
      tunnelCount: 2,
      status: "AWAITING_CUSTOMER" as const,
      submittedById: userId,
      vpnConnectionId: vpn.id,
    })),
  });
  await db.tunnel.createMany({
    data: rows.flatMap(({ requestId, vpn }) =>
      vpn.outsideIps.map((outsideIp, index) => ({
        requestId,
        number: index + 1,
        outsideIp,
        insideCidr: `169.254.${index}.0/30`,
        pskEncrypted: "not-used-by-the-poller",
      })),
    ),
  });
  for (const { requestId, vpn } of rows) made.push({ requestId, vpnConnectionId: vpn.id, region });
}

beforeAll(async () => {
  // A database of its own: a cycle polls every connection in it, and other test files leave theirs.
  database = await startIsolatedDatabase();
  emulator = await startEmulatorForApp();
  // What an account's quota increase would do; creation runs unthrottled to keep the set-up short.
  await emulator.configure({
    quotas: { vpnConnections: 1000, vpnGateways: 50, customerGateways: 100 },
    throttle: { enabled: false },
  });
  const org = await createOrganization("ENTERPRISE");
  const user = await createUser("CUSTOMER", org.id);
  for (const [region, count] of Object.entries(REGIONS))
    await createConnections(region, count, org.id, user.id);
  await emulator.configure({ throttle: { enabled: true } });
}, 300_000);

afterAll(async () => {
  await emulator?.close();
  await disconnectDb();
  await database?.stop();
});

type Stats = { actions: Record<string, { calls: number }> };
const describeCalls = async () =>
  (await emulator.admin<Stats>("stats")).actions.DescribeVpnConnections?.calls ?? 0;

describe("tunnel poller", () => {
  it("reads 500 connections with at most ceil(500 / batch size) DescribeVpnConnections calls per cycle", async () => {
    expect(made).toHaveLength(TOTAL);
    for (const batchSize of [100, 50]) {
      await emulator.admin("stats/reset", {});
      const result = await pollTunnelsOnce({ batchSize });
      const calls = await describeCalls();
      console.log(
        `batch size ${batchSize}: ${calls} DescribeVpnConnections call(s) for ${result.connections} connections`,
      );
      expect(result.connections).toBe(TOTAL);
      expect(result.errors).toBe(0);
      expect(calls).toBe(result.calls);
      expect(calls).toBeLessThanOrEqual(Math.ceil(TOTAL / batchSize));
    }
    // The first cycle saw every tunnel DOWN (never up): recorded, but no request moved.
    expect(
      await db.tunnel.count({ where: { status: "DOWN", requestId: { in: made.map((m) => m.requestId) } } }),
    ).toBe(TOTAL * 2);
    expect(
      await db.vpnRequest.count({
        where: { id: { in: made.map((m) => m.requestId) }, status: "AWAITING_CUSTOMER" },
      }),
    ).toBe(TOTAL);
  });

  it("moves a request ACTIVE → DEGRADED → DOWN → ACTIVE as its tunnels report, with the history recorded", async () => {
    const target = made[42] as Made;
    const status = async () =>
      (await db.vpnRequest.findUniqueOrThrow({ where: { id: target.requestId } })).status;
    const telemetry = (updates: object[]) => emulator.admin("telemetry", { updates });

    await telemetry([
      {
        vpnConnectionId: target.vpnConnectionId,
        tunnel: 1,
        status: "UP",
        statusMessage: "",
        acceptedRouteCount: 0,
      },
      { vpnConnectionId: target.vpnConnectionId, tunnel: 2, status: "UP", statusMessage: "" },
    ]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect(await status()).toBe("ACTIVE");

    await telemetry([
      {
        vpnConnectionId: target.vpnConnectionId,
        tunnel: 1,
        status: "DOWN",
        statusMessage: "IPSEC IS DOWN",
      },
    ]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect(await status()).toBe("DEGRADED");
    const tunnel1 = await db.tunnel.findUniqueOrThrow({
      where: { requestId_number: { requestId: target.requestId, number: 1 } },
    });
    expect(tunnel1).toMatchObject({ status: "DOWN", statusMessage: "IPSEC IS DOWN" });
    expect(tunnel1.statusSince).toBeInstanceOf(Date);

    await telemetry([{ vpnConnectionId: target.vpnConnectionId, tunnel: 2, status: "DOWN" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect(await status()).toBe("DOWN");

    await telemetry([{ vpnConnectionId: target.vpnConnectionId, status: "UP", statusMessage: "" }]);
    await pollTunnelsOnce({ batchSize: 100 });
    expect(await status()).toBe("ACTIVE");

    const events = await db.tunnelEvent.findMany({
      where: { requestId: target.requestId, tunnel: { number: 1 } },
      orderBy: { occurredAt: "asc" },
    });
    expect(events.map((event) => event.status)).toEqual(["DOWN", "UP", "DOWN", "UP"]);
    const audit = await db.auditEvent.findMany({
      where: { targetId: target.requestId },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((event) => [event.action, event.actorEmail])).toEqual([
      ["vpn-request.tunnels-active", "system"],
      ["vpn-request.tunnels-degraded", "system"],
      ["vpn-request.tunnels-down", "system"],
      ["vpn-request.tunnels-active", "system"],
    ]);
  });

  it("counts only tunnel 1 for a one-tunnel request", async () => {
    const target = made[7] as Made;
    await db.vpnRequest.update({ where: { id: target.requestId }, data: { tunnelCount: 1 } });
    await emulator.admin("telemetry", {
      updates: [{ vpnConnectionId: target.vpnConnectionId, tunnel: 1, status: "UP" }],
    });
    await pollTunnelsOnce({ batchSize: 100 });
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id: target.requestId } })).status).toBe(
      "ACTIVE",
    );
  });
});
