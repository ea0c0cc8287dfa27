// The tunnel poller part of `npm run bench`: gives the seeded provisioned requests real VPN
// connections in the EC2 emulator (a process of its own), then times poll cycles through the real SDK over HTTP
// (steady state, a cycle where 2 % of the connections lose a tunnel, and the steady state again).
import {
  CreateCustomerGatewayCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import pg from "pg";
import type { BenchEmulator } from "./bench-emulator";

// The emulator hands out tunnel outside IPs from the three documentation /24s of a region (762
// addresses, 381 connections), so the bench spreads the polled connections over AWS regions.
const PER_REGION = 350;
export const PROVISIONING_REGION = "mx-central-1"; // kept out of REGIONS: its addresses are the provisioning phase's
const REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-east-1",
  "ca-central-1",
  "ca-west-1",
  "sa-east-1",
  "me-south-1",
  "me-central-1",
  "af-south-1",
  "il-central-1",
  "mx-central-1",
];

export async function runPollerBench(options: {
  emulator: BenchEmulator;
  databaseUrl: string;
  /** How many provisioned connections to poll; undefined = all of them. */
  limit: number | undefined;
  log: (line: string) => void;
}) {
  const { emulator } = options;
  await emulator.admin("config", {
    quotas: { vpnConnections: 1_000_000, vpnGateways: 1000, customerGateways: 1000 },
    throttle: { enabled: false },
    delays: { vpnAvailableMs: 0 },
  });
  const { EMULATOR_CREDENTIALS } = await import("../../lib/aws/pool-credentials");
  const { pollTunnelsOnce } = await import("../../lib/tunnels/poll-tunnels");
  const { getEnv } = await import("../../lib/env");
  const { disconnectDb } = await import("../../lib/db");
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  const admin = emulator.admin;
  try {
    const rows = (
      await client.query<{ id: string; region: string }>(
        `select id, region from "VpnRequest" where "vpnConnectionId" is not null order by "submittedAt"`,
      )
    ).rows;
    const polled = rows
      .slice(0, Math.min(options.limit ?? rows.length, PER_REGION * REGIONS.length))
      .map((row, index) => ({ ...row, region: REGIONS[Math.floor(index / PER_REGION)] ?? "us-east-1" }));
    if (polled.length < rows.length) {
      await client.query(
        `update "VpnRequest" set status = 'DECOMMISSIONED' where id <> all($1::uuid[]) and "vpnConnectionId" is not null`,
        [polled.map((row) => row.id)],
      );
    }
    const started = Date.now();
    const byRegion = new Map<string, string[]>();
    for (const row of polled) byRegion.set(row.region, [...(byRegion.get(row.region) ?? []), row.id]);
    const made: { requestId: string; vpnId: string; ips: string[]; region: string }[] = [];
    for (const [region, ids] of byRegion) {
      // The setup's own client: the portal's (lib/aws/ec2-client.ts) paces creates to AWS's
      // bucket, which would take minutes here; the emulator's throttling is off meanwhile.
      const ec2 = new EC2Client({
        region,
        endpoint: emulator.url,
        credentials: EMULATOR_CREDENTIALS,
        maxAttempts: 1,
      });
      const cgw = await ec2.send(
        new CreateCustomerGatewayCommand({ Type: "ipsec.1", BgpAsn: 65010, PublicIp: "198.51.100.77" }),
      );
      // AWS allows 10 VPN connections per virtual private gateway, and answers an identical
      // CreateVpnConnection with the connection it made: a gateway per 10, a tag per connection.
      for (let start = 0; start < ids.length; start += 10) {
        const vgw = await ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: 64512 }));
        const page = await Promise.all(
          ids.slice(start, start + 10).map(async (requestId) => {
            const answer = await ec2.send(
              new CreateVpnConnectionCommand({
                Type: "ipsec.1",
                CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
                VpnGatewayId: vgw.VpnGateway?.VpnGatewayId,
                Options: { StaticRoutesOnly: true },
                TagSpecifications: [
                  { ResourceType: "vpn-connection", Tags: [{ Key: "portal:request-id", Value: requestId }] },
                ],
              }),
            );
            const vpn = answer.VpnConnection;
            return {
              requestId,
              region,
              vpnId: vpn?.VpnConnectionId ?? "",
              ips: (vpn?.Options?.TunnelOptions ?? []).map((tunnel) => tunnel.OutsideIpAddress ?? ""),
            };
          }),
        );
        made.push(...page);
      }
      ec2.destroy();
    }
    // Every tunnel UP in AWS and in the portal: the steady state of a healthy fleet.
    for (let start = 0; start < made.length; start += 2000) {
      await admin(
        "telemetry",
        made.slice(start, start + 2000).flatMap((vpn) =>
          [1, 2].map((tunnel) => ({
            vpnConnectionId: vpn.vpnId,
            tunnel,
            status: "UP",
            acceptedRouteCount: 0,
          })),
        ),
      );
    }
    await client.query(
      `update "VpnRequest" v set "vpnConnectionId" = m.vpn, region = m.region, status = 'ACTIVE'
       from unnest($1::uuid[], $2::text[], $3::text[]) as m(id, vpn, region) where v.id = m.id`,
      [made.map((vpn) => vpn.requestId), made.map((vpn) => vpn.vpnId), made.map((vpn) => vpn.region)],
    );
    await client.query(
      `update "Tunnel" t set "outsideIp" = m.ip, status = 'UP', "statusMessage" = null, "acceptedRouteCount" = 0
       from unnest($1::uuid[], $2::int[], $3::text[]) as m(id, number, ip)
       where t."requestId" = m.id and t.number = m.number`,
      [
        made.flatMap((vpn) => [vpn.requestId, vpn.requestId]),
        made.flatMap(() => [1, 2]),
        made.flatMap((vpn) => [vpn.ips[0] ?? "", vpn.ips[1] ?? ""]),
      ],
    );
    const distinct = new Set(made.map((vpn) => vpn.vpnId)).size;
    if (distinct !== made.length)
      throw new Error(`the emulator made ${distinct} distinct VPN connections for ${made.length} requests`);
    options.log(
      `${made.length} VPN connections in ${byRegion.size} regions made in the emulator in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await admin("config", { throttle: { enabled: true } });
    const batchSize = getEnv().TUNNEL_POLL_BATCH_SIZE;
    const cycle = async (label: string) => {
      await admin("stats/reset", {});
      const began = performance.now();
      const result = await pollTunnelsOnce({ batchSize, log: () => {} });
      const ms = performance.now() - began;
      console.log(
        `- ${label}: ${ms.toFixed(0)} ms, ${result.calls} DescribeVpnConnections calls (⌈n / ${batchSize}⌉ per region = ${[...byRegion.values()].reduce((sum, ids) => sum + Math.ceil(ids.length / batchSize), 0)}), ${result.connections} connections, ${result.changes} tunnel changes, ${result.transitions} transitions, ${result.errors} errors; ms: ${JSON.stringify(result.phasesMs)}`,
      );
    };
    await cycle("steady state (nothing changed)");
    const flipped = made.filter((_, index) => index % 50 === 0);
    await admin(
      "telemetry",
      flipped.map((vpn) => ({ vpnConnectionId: vpn.vpnId, tunnel: 2, status: "DOWN" })),
    );
    await cycle(`${flipped.length} connections lost tunnel 2`);
    await cycle("steady state again");
  } finally {
    await client.end();
    await disconnectDb();
  }
}
