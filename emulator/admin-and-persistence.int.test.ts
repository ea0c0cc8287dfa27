import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  ModifyVpnTunnelOptionsCommand,
} from "@aws-sdk/client-ec2";
import { afterAll, describe, expect, it } from "vitest";
import {
  admin,
  clientFor,
  createGatewayPair,
  type InventoryResponse,
  startTestEmulator,
  waitFor,
} from "./testing";

const dir = mkdtempSync(join(tmpdir(), "ec2-emulator-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function createVpn(url: string, region: string, delays?: Record<string, number>) {
  if (delays) await admin(url, "config", { delays });
  const ec2 = clientFor(url, region);
  const gateways = await createGatewayPair(ec2, "192.0.2.200", { vgwAsn: 64512 });
  const vpn = await ec2.send(
    new CreateVpnConnectionCommand({
      Type: "ipsec.1",
      ...gateways,
      Options: { StaticRoutesOnly: false, TunnelOptions: [{}, {}] },
      TagSpecifications: [
        { ResourceType: "vpn-connection", Tags: [{ Key: "portal:request-id", Value: "persist-1" }] },
      ],
    }),
  );
  return { ec2, vpnId: vpn.VpnConnection?.VpnConnectionId ?? "" };
}

describe("state across restarts", () => {
  it("keeps resources and time-driven states in its JSON file, per region", async () => {
    const statePath = join(dir, "state.json");
    const first = await startTestEmulator({ statePath });
    const { ec2, vpnId } = await createVpn(first.url, "ap-southeast-2", { vpnAvailableMs: 400 });
    await clientFor(first.url, "eu-central-1").send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" }));
    ec2.destroy();
    await first.close();
    expect(JSON.parse(readFileSync(statePath, "utf8")).regions).toHaveProperty("ap-southeast-2");

    // The connection was pending when the first process stopped; it turns available on its own.
    const second = await startTestEmulator({ statePath });
    const again = clientFor(second.url, "ap-southeast-2");
    const vpn = await waitFor(async () => {
      const v = (await again.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0];
      return v?.State === "available" ? v : undefined;
    });
    expect(vpn.VpnConnectionId).toBe(vpnId);
    // State is per region: the VPC lives in eu-central-1 only (each region has its default VPC too).
    const mine = { Filters: [{ Name: "is-default", Values: ["false"] }] };
    expect((await again.send(new DescribeVpcsCommand(mine))).Vpcs).toEqual([]);
    expect(
      (await clientFor(second.url, "eu-central-1").send(new DescribeVpcsCommand(mine))).Vpcs,
    ).toHaveLength(1);
    again.destroy();
    await second.close();
  });
});

describe("admin API", () => {
  it("reports tunnel telemetry set through the admin API in DescribeVpnConnections", async () => {
    const emulator = await startTestEmulator();
    const { ec2, vpnId } = await createVpn(emulator.url, "eu-west-1");
    const initial = await waitFor(async () => {
      const v = (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
        .VpnConnections?.[0];
      return v?.State === "available" ? v : undefined;
    });
    const [ip1, ip2] = initial.VgwTelemetry?.map((t) => t.OutsideIpAddress ?? "") ?? [];

    await admin(emulator.url, "telemetry", {
      vpnConnectionId: vpnId,
      tunnel: 1,
      status: "UP",
      statusMessage: "2 BGP ROUTES",
      acceptedRouteCount: 2,
    });
    await admin(emulator.url, "telemetry", {
      updates: [
        {
          vpnConnectionId: vpnId,
          outsideIp: ip2,
          status: "DOWN",
          // A PSK mismatch shows on AWS only as this (the cause is in the tunnel log).
          statusMessage: "IPSEC IS DOWN",
        },
      ],
    });
    const after = (
      await ec2.send(
        new DescribeVpnConnectionsCommand({
          Filters: [{ Name: "tag:portal:request-id", Values: ["persist-1"] }],
        }),
      )
    ).VpnConnections?.[0];
    expect(
      after?.VgwTelemetry?.map((t) => [t.OutsideIpAddress, t.Status, t.StatusMessage, t.AcceptedRouteCount]),
    ).toEqual([
      [ip1, "UP", "2 BGP ROUTES", 2],
      [ip2, "DOWN", "IPSEC IS DOWN", 0],
    ]);
    // Messages AWS never sends are refused, and routes beyond AWS's 100 are not accepted.
    const invented = await fetch(`${emulator.url}/_emulator/telemetry`, {
      method: "POST",
      body: JSON.stringify({
        vpnConnectionId: vpnId,
        status: "DOWN",
        statusMessage: "AUTHENTICATION_FAILED",
      }),
    });
    expect(invented.status).toBe(400);
    const capped = await admin<{ updated: { tunnels: { acceptedRouteCount: number }[] }[] }>(
      emulator.url,
      "telemetry",
      {
        vpnConnectionId: vpnId,
        tunnel: 1,
        status: "UP",
        statusMessage: "100 BGP ROUTES",
        acceptedRouteCount: 250,
      },
    );
    expect(capped.updated[0]?.tunnels[0]?.acceptedRouteCount).toBe(100);
    const up = after?.VgwTelemetry?.[0]?.LastStatusChange?.getTime() ?? 0;
    expect(up).toBeGreaterThan(
      initial.VgwTelemetry?.[0]?.LastStatusChange?.getTime() ?? Number.POSITIVE_INFINITY,
    );

    // Changing tunnel 1 in place keeps both outside IPs.
    await ec2.send(
      new ModifyVpnTunnelOptionsCommand({
        VpnConnectionId: vpnId,
        VpnTunnelOutsideIpAddress: ip1,
        TunnelOptions: { PreSharedKey: "New_key.9876" },
      }),
    );
    const modified = (await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnId] })))
      .VpnConnections?.[0];
    // AWS's VpnState has no "modifying": the connection stays available while the tunnel is replaced.
    expect(modified?.State).toBe("available");
    expect(modified?.Options?.TunnelOptions?.map((t) => t.OutsideIpAddress)).toEqual([ip1, ip2]);
    expect(modified?.Options?.TunnelOptions?.[0]?.PreSharedKey).toBe("New_key.9876");

    const inventory = await admin<InventoryResponse>(emulator.url, "inventory?type=vpn-connection");
    expect(inventory.resources.map((r) => r.id)).toEqual([vpnId]);
    ec2.destroy();
    await emulator.close();
  });

  it("counts calls per action and resets the counts", async () => {
    const emulator = await startTestEmulator();
    const ec2 = clientFor(emulator.url);
    await admin(emulator.url, "stats/reset", {});
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeVpnConnectionsCommand({}));
    const stats = await admin<{ totalCalls: number; actions: Record<string, { calls: number }> }>(
      emulator.url,
      "stats",
    );
    expect(stats.totalCalls).toBe(3);
    expect(stats.actions.DescribeVpcs?.calls).toBe(2);
    expect(stats.actions.DescribeVpnConnections?.calls).toBe(1);
    await admin(emulator.url, "stats/reset", {});
    expect((await admin<{ totalCalls: number }>(emulator.url, "stats")).totalCalls).toBe(0);
    ec2.destroy();
    await emulator.close();
  });
});

describe("entry point", () => {
  it("prints its URL on one line, serves the SDK, and stops on SIGTERM", async () => {
    const root = new URL("..", import.meta.url).pathname;
    const child = spawn(
      join(root, "node_modules/.bin/tsx"),
      ["emulator/main.ts", "--port", "0", "--memory"],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^EC2 emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited early with ${code}`)));
    });
    const ec2 = clientFor(url);
    // A fresh region holds only what a new AWS account has: its default VPC.
    expect(
      (await ec2.send(new DescribeVpcsCommand({}))).Vpcs?.map((v) => [v.IsDefault, v.CidrBlock]),
    ).toEqual([[true, "172.31.0.0/16"]]);
    ec2.destroy();
    const exit = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 20_000);
});
