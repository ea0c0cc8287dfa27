import {
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteVpnGatewayCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { admin, clientFor, createGatewayPair, rejectionOf, testEmulatorForFile } from "./testing";

const emulator = testEmulatorForFile();
let ec2: EC2Client;

beforeAll(() => {
  ec2 = clientFor(emulator.url, "us-east-1");
});
afterAll(() => ec2.destroy());
beforeEach(async () => {
  await admin(emulator.url, "reset", {});
  await admin(emulator.url, "config", {
    faults: [],
    quotas: { vpnGateways: 5 },
    throttle: { enabled: true, scale: 1, buckets: {} },
  });
});

const gateways = (vgwAsn = 64512, cgwAsn = 65010) =>
  createGatewayPair(ec2, "203.0.113.9", { vgwAsn, cgwAsn });

const vpnWith = (
  ids: { VpnGatewayId: string; CustomerGatewayId: string },
  tunnels: { TunnelInsideCidr?: string; PreSharedKey?: string }[],
  staticRoutes = false,
) =>
  new CreateVpnConnectionCommand({
    Type: "ipsec.1",
    ...ids,
    Options: { StaticRoutesOnly: staticRoutes, TunnelOptions: tunnels },
  });

describe("validation errors arrive as typed SDK exceptions", () => {
  it.each([
    ["a /29", "169.254.10.0/29"],
    ["outside 169.254/16", "10.0.0.0/30"],
    ["a reserved block", "169.254.3.0/30"],
    ["the metadata block", "169.254.169.252/30"],
  ])("refuses a tunnel inside CIDR that is %s", async (_label, cidr) => {
    const ids = await gateways();
    const error = await rejectionOf(ec2.send(vpnWith(ids, [{ TunnelInsideCidr: cidr }, {}])));
    expect(error.name).toBe("InvalidParameterValue");
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it("refuses the same inside CIDR on both tunnels", async () => {
    const ids = await gateways();
    const error = await rejectionOf(
      ec2.send(
        vpnWith(ids, [{ TunnelInsideCidr: "169.254.20.0/30" }, { TunnelInsideCidr: "169.254.20.0/30" }]),
      ),
    );
    expect(error.name).toBe("InvalidParameterValue");
  });

  it.each(["short", "0startswithzero", "has-dash-in-it", "x".repeat(65)])(
    "refuses the pre-shared key %s",
    async (psk) => {
      const ids = await gateways();
      const error = await rejectionOf(ec2.send(vpnWith(ids, [{ PreSharedKey: psk }, {}])));
      expect(error.name).toBe("InvalidParameterValue");
      expect(error.message).toContain("PreSharedKey");
    },
  );

  it("generates inside CIDRs and PSKs by AWS's rules when none are given", async () => {
    const ids = await gateways();
    const vpn = (await ec2.send(vpnWith(ids, []))).VpnConnection;
    const tunnels = vpn?.Options?.TunnelOptions ?? [];
    expect(tunnels).toHaveLength(2);
    for (const t of tunnels) {
      expect(t.TunnelInsideCidr).toMatch(/^169\.254\.\d+\.\d+\/30$/);
      expect(t.PreSharedKey).toMatch(/^[A-Za-z1-9][A-Za-z0-9._]{7,63}$/);
    }
    expect(tunnels[0]?.TunnelInsideCidr).not.toBe(tunnels[1]?.TunnelInsideCidr);
  });

  it("refuses a BGP connection whose customer ASN equals the Amazon-side ASN", async () => {
    const ids = await gateways(65001, 65001);
    const error = await rejectionOf(ec2.send(vpnWith(ids, [])));
    // AWS's own code, not a generic InvalidParameterValue.
    expect(error.name).toBe("AsnConflict");
  });

  it("enforces the VPN gateway quota, which can be lowered through the admin API", async () => {
    await admin(emulator.url, "config", { quotas: { vpnGateways: 1 } });
    await ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }));
    const error = await rejectionOf(ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" })));
    expect(error.name).toBe("VpnGatewayLimitExceeded");
  });

  it("enforces the VPN connection quota", async () => {
    await admin(emulator.url, "config", { quotas: { vpnConnections: 1 } });
    const ids = await gateways();
    await ec2.send(vpnWith(ids, []));
    // Not the identical call again: that one is idempotent and returns the first connection.
    expect((await rejectionOf(ec2.send(vpnWith(ids, [], true)))).name).toBe("VpnConnectionLimitExceeded");
    await admin(emulator.url, "config", { quotas: { vpnConnections: 50 } });
  });

  it("answers unknown IDs with AWS's NotFound codes", async () => {
    expect(
      (
        await rejectionOf(
          ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: ["vpn-0123456789abcdef0"] })),
        )
      ).name,
    ).toBe("InvalidVpnConnectionID.NotFound");
    expect(
      (await rejectionOf(ec2.send(new DeleteVpnGatewayCommand({ VpnGatewayId: "vgw-0123456789abcdef0" }))))
        .name,
    ).toBe("InvalidVpnGatewayID.NotFound");
  });
});

describe("throttling and injected faults", () => {
  it("throttles with a token bucket: RequestLimitExceeded, HTTP 503", async () => {
    await admin(emulator.url, "config", {
      throttle: { enabled: true, buckets: { DescribeVpcs: { capacity: 3, refillPerSecond: 0.001 } } },
    });
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => ec2.send(new DescribeVpcsCommand({}))),
    );
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => r.reason as Error & { $metadata?: { httpStatusCode?: number } });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(failures.map((e) => e.name)).toEqual([
      "RequestLimitExceeded",
      "RequestLimitExceeded",
      "RequestLimitExceeded",
    ]);
    expect(failures[0]?.$metadata?.httpStatusCode).toBe(503);
  });

  it("lets the SDK's own retries recover from throttling", async () => {
    await admin(emulator.url, "config", {
      faults: [{ action: "DescribeVpcs", kind: "throttle", rate: 1, remaining: 1 }],
    });
    const retrying = clientFor(emulator.url, "us-east-1", 3);
    const out = await retrying.send(new DescribeVpcsCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    retrying.destroy();
  });

  it("injects 5xx for one action and forces a permanent error code for another", async () => {
    await admin(emulator.url, "config", {
      faults: [
        { action: "DescribeVpcs", kind: "5xx", rate: 1 },
        { action: "CreateVpc", kind: "unavailable", rate: 1 },
        { action: "CreateVpnGateway", kind: "error", code: "VpnGatewayLimitExceeded", rate: 1 },
      ],
    });
    const internal = await rejectionOf(ec2.send(new DescribeVpcsCommand({})));
    expect([internal.name, internal.$metadata?.httpStatusCode]).toEqual(["InternalError", 500]);
    const unavailable = await rejectionOf(ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" })));
    expect([unavailable.name, unavailable.$metadata?.httpStatusCode]).toEqual(["Unavailable", 503]);
    expect((await rejectionOf(ec2.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" })))).name).toBe(
      "VpnGatewayLimitExceeded",
    );
  });

  it("can lose the response after applying the call, to test idempotent retries", async () => {
    await admin(emulator.url, "config", {
      faults: [{ action: "CreateVpc", kind: "5xx", rate: 1, phase: "after", remaining: 1 }],
    });
    expect((await rejectionOf(ec2.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" })))).name).toBe(
      "InternalError",
    );
    // One VPC of the caller's beside the region's default VPC.
    const mine = [{ Name: "is-default", Values: ["false"] }];
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: mine }))).Vpcs).toHaveLength(1);
  });

  it("refuses a bad admin config with the name of the bad key", async () => {
    const res = await fetch(`${emulator.url}/_emulator/config`, {
      method: "POST",
      body: JSON.stringify({ quotas: { vpnGateway: 1 } }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("vpnGateway");
  });
});
