// What the emulator does because EC2 does it (issue 16): eventual consistency, a new account's
// default VPC and quotas, idempotency rules, per-action throttling, IAM, the realistic clock.
import { readFileSync } from "node:fs";
import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  CreateCustomerGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  type EC2Client,
  type TagSpecification,
} from "@aws-sdk/client-ec2";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  admin,
  clientFor,
  createGatewayPair,
  rejectionOf,
  startTestEmulator,
  testEmulatorForFile,
  waitFor,
} from "./testing";

const emulator = testEmulatorForFile();
let ec2: EC2Client;
let region = 0;
/** A region nobody used yet: a fresh account's, with only its default VPC. */
const freshRegion = () => {
  region += 1;
  return clientFor(emulator.url, `xx-test-${region}`);
};

beforeAll(() => {
  ec2 = clientFor(emulator.url, "eu-west-1");
});
afterEach(async () => {
  await admin(emulator.url, "config", {
    consistency: { minLagMs: 0, maxLagMs: 0 },
    quotas: { elasticIps: 5, vpcs: 5, internetGateways: 5 },
    throttle: { enabled: true, scale: 1, buckets: {} },
    faults: [],
  });
});
afterAll(() => ec2.destroy());

const tagged = (type: TagSpecification["ResourceType"], id = "req-1"): TagSpecification[] => [
  { ResourceType: type, Tags: [{ Key: "portal:request-id", Value: id }] },
];

describe("eventual consistency", () => {
  it("hides a new VPC from ID calls, references and tag filters until its lag has passed", async () => {
    await admin(emulator.url, "config", { consistency: { minLagMs: 400, maxLagMs: 400 } });
    const client = freshRegion();
    const created = await client.send(
      new CreateVpcCommand({ CidrBlock: "10.1.0.0/16", TagSpecifications: tagged("vpc", "lag-1") }),
    );
    const vpcId = created.Vpc?.VpcId ?? "";
    expect(vpcId).toMatch(/^vpc-/);
    expect((await rejectionOf(client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })))).name).toBe(
      "InvalidVpcID.NotFound",
    );
    const byTag = { Filters: [{ Name: "tag:portal:request-id", Values: ["lag-1"] }] };
    expect((await client.send(new DescribeVpcsCommand(byTag))).Vpcs).toEqual([]);
    expect(
      (await rejectionOf(client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.1.0.0/24" }))))
        .name,
    ).toBe("InvalidVpcID.NotFound");
    const started = Date.now();
    const seen = await waitFor(async () => (await client.send(new DescribeVpcsCommand(byTag))).Vpcs?.[0]);
    console.log(`VPC visible to a tag filter after ${Date.now() - started} ms of a 400 ms lag`);
    expect(seen.VpcId).toBe(vpcId);
    await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.1.0.0/24" }));
    client.destroy();
  });
});

describe("a new account's region", () => {
  it("has a default VPC that counts: the fifth VPC and internet gateway are over the quota", async () => {
    const client = freshRegion();
    const defaults = (await client.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(defaults.map((v) => v.IsDefault)).toEqual([true]);
    const subnets = (await client.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    expect(subnets.map((s) => s.DefaultForAz)).toEqual([true, true, true]);
    for (let i = 1; i <= 4; i++) {
      await client.send(new CreateVpcCommand({ CidrBlock: `10.${i}.0.0/16` }));
      await client.send(new CreateInternetGatewayCommand({}));
    }
    expect((await rejectionOf(client.send(new CreateVpcCommand({ CidrBlock: "10.9.0.0/16" })))).name).toBe(
      "VpcLimitExceeded",
    );
    expect((await rejectionOf(client.send(new CreateInternetGatewayCommand({})))).name).toBe(
      "InternetGatewayLimitExceeded",
    );
    client.destroy();
  });

  it("answers its availability zones, and NAT gateways are limited per zone", async () => {
    await admin(emulator.url, "config", { quotas: { elasticIps: 10 } });
    const client = freshRegion();
    const zones = (await client.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [];
    expect(zones.map((z) => [z.ZoneName, z.State])).toEqual([
      [`xx-test-${region}a`, "available"],
      [`xx-test-${region}b`, "available"],
      [`xx-test-${region}c`, "available"],
    ]);
    const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc?.VpcId ?? "";
    const igw = (await client.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId;
    await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const subnet = async (cidr: string, zone: string) =>
      (
        await client.send(
          new CreateSubnetCommand({
            VpcId: vpcId,
            CidrBlock: cidr,
            AvailabilityZone: zones[zone === "a" ? 0 : 1]?.ZoneName,
          }),
        )
      ).Subnet?.SubnetId ?? "";
    const inA = await subnet("10.0.1.0/24", "a");
    const inB = await subnet("10.0.2.0/24", "b");
    const nat = async (subnetId: string) => {
      const allocationId = (await client.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId;
      return client.send(new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: allocationId }));
    };
    for (let i = 0; i < 5; i++) await nat(inA);
    expect((await rejectionOf(nat(inA))).name).toBe("NatGatewayLimitExceeded");
    expect((await nat(inB)).NatGateway?.State).toBe("pending");
    client.destroy();
  });

  it("allows ten VPN connections per virtual private gateway", async () => {
    await admin(emulator.url, "config", { quotas: { vpnGateways: 5 } });
    const client = freshRegion();
    const vgw = (await client.send(new CreateVpnGatewayCommand({ Type: "ipsec.1" }))).VpnGateway
      ?.VpnGatewayId;
    const vpn = async (i: number) => {
      const cgw = await client.send(
        new CreateCustomerGatewayCommand({ Type: "ipsec.1", IpAddress: `198.51.100.${i}`, BgpAsn: 65000 }),
      );
      return client.send(
        new CreateVpnConnectionCommand({
          Type: "ipsec.1",
          VpnGatewayId: vgw,
          CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId,
          Options: { StaticRoutesOnly: true },
        }),
      );
    };
    for (let i = 1; i <= 10; i++) await vpn(i);
    const error = await rejectionOf(vpn(11));
    expect(error.name).toBe("VpnConnectionLimitExceeded");
    expect(error.message).toContain("per virtual private gateway");
    client.destroy();
  });
});

describe("idempotency", () => {
  it("returns the same VPN connection for an identical CreateVpnConnection", async () => {
    const client = freshRegion();
    const gateways = await createGatewayPair(client, "198.51.100.5", { cgwAsn: 65000 });
    const request = () =>
      new CreateVpnConnectionCommand({
        Type: "ipsec.1",
        ...gateways,
        Options: { StaticRoutesOnly: true, TunnelOptions: [{ PreSharedKey: "abc_12345678" }, {}] },
        TagSpecifications: tagged("vpn-connection"),
      });
    const first = (await client.send(request())).VpnConnection?.VpnConnectionId;
    const second = (await client.send(request())).VpnConnection?.VpnConnectionId;
    expect(second).toBe(first);
    expect((await client.send(new DescribeVpnConnectionsCommand({}))).VpnConnections).toHaveLength(1);
    client.destroy();
  });

  it("compares every parameter of a repeated client token: IdempotentParameterMismatch", async () => {
    const client = freshRegion();
    const vpcId = (await client.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc?.VpcId ?? "";
    const table = (tags: TagSpecification[]) =>
      client.send(
        new CreateRouteTableCommand({ VpcId: vpcId, ClientToken: "token-1", TagSpecifications: tags }),
      );
    const first = (await table(tagged("route-table", "a"))).RouteTable?.RouteTableId;
    expect((await table(tagged("route-table", "a"))).RouteTable?.RouteTableId).toBe(first);
    expect((await rejectionOf(table(tagged("route-table", "b")))).name).toBe("IdempotentParameterMismatch");

    const igw = (await client.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId;
    await client.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const subnetId = (await client.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: "10.0.1.0/24" })))
      .Subnet?.SubnetId;
    const one = (await client.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId;
    const two = (await client.send(new AllocateAddressCommand({ Domain: "vpc" }))).AllocationId;
    const nat = (allocationId?: string) =>
      client.send(
        new CreateNatGatewayCommand({ SubnetId: subnetId, AllocationId: allocationId, ClientToken: "nat-1" }),
      );
    const natId = (await nat(one)).NatGateway?.NatGatewayId;
    expect((await nat(one)).NatGateway?.NatGatewayId).toBe(natId);
    expect((await rejectionOf(nat(two))).name).toBe("IdempotentParameterMismatch");
    client.destroy();
  });
});

describe("throttling", () => {
  it("has a bucket per action, sized by AWS's category, per account and region", async () => {
    // A tenth of AWS's sizes: DescribeVpcs holds 10 (non-mutating 100), CreateVpc 5 (mutating 50).
    await admin(emulator.url, "config", { throttle: { enabled: true, scale: 0.1 } });
    const client = freshRegion();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => client.send(new DescribeVpcsCommand({}))),
    );
    const throttled = results.filter((r) => r.status === "rejected").length;
    console.log(`DescribeVpcs: ${12 - throttled} of 12 served from a bucket of 10 (refill 2/s)`);
    expect(throttled).toBeGreaterThanOrEqual(1);
    // Another action's bucket is untouched.
    expect((await client.send(new DescribeSubnetsCommand({}))).Subnets).toHaveLength(3);
    client.destroy();
  });
});

describe("IAM", () => {
  it("evaluates a signed key's calls against the worker's policy: deleting an untagged VPC is refused", async () => {
    const policy = JSON.parse(readFileSync("docs/aws-iam-policy.json", "utf8")) as unknown;
    await admin(emulator.url, "config", { iam: { policies: { worker: policy } } });
    try {
      const name = `xx-iam-${Date.now()}`;
      const owner = clientFor(emulator.url, name);
      const worker = clientFor(emulator.url, name, 1, "worker");
      const untagged = (await owner.send(new CreateVpcCommand({ CidrBlock: "10.0.0.0/16" }))).Vpc?.VpcId;
      const refused = await rejectionOf(worker.send(new DeleteVpcCommand({ VpcId: untagged })));
      expect([refused.name, refused.$metadata?.httpStatusCode]).toEqual(["UnauthorizedOperation", 403]);
      expect(refused.message).toContain("ec2:DeleteVpc");
      // Creating without the portal tag is refused too; with it, allowed, and so is deleting it.
      expect((await rejectionOf(worker.send(new CreateVpcCommand({ CidrBlock: "10.1.0.0/16" })))).name).toBe(
        "UnauthorizedOperation",
      );
      const mine = (
        await worker.send(
          new CreateVpcCommand({ CidrBlock: "10.1.0.0/16", TagSpecifications: tagged("vpc") }),
        )
      ).Vpc?.VpcId;
      expect((await worker.send(new DescribeVpcsCommand({ VpcIds: [mine ?? ""] }))).Vpcs).toHaveLength(1);
      await worker.send(new DeleteVpcCommand({ VpcId: mine }));
      owner.destroy();
      worker.destroy();
    } finally {
      await admin(emulator.url, "config", { iam: { policies: {} } });
    }
  });
});

describe("the realistic timing profile on the emulator's clock", () => {
  it("keeps a VPN connection pending for minutes of emulated time", async () => {
    // 6 emulated minutes of `pending` pass in 0.6 s of wall time at 600× speed.
    const fast = await startTestEmulator({ config: { profile: "realistic", clockSpeed: 600 } });
    const client = clientFor(fast.url, "eu-west-1");
    const gateways = await createGatewayPair(client, "198.51.100.7", { cgwAsn: 65000 });
    const created = await client.send(new CreateVpnConnectionCommand({ Type: "ipsec.1", ...gateways }));
    expect(created.VpnConnection?.State).toBe("pending");
    const id = created.VpnConnection?.VpnConnectionId ?? "";
    const started = Date.now();
    const available = await waitFor(
      async () => {
        const v = (await client.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [id] })))
          .VpnConnections?.[0];
        return v?.State === "available" ? v : undefined;
      },
      10_000,
      50,
    );
    const wall = Date.now() - started;
    console.log(
      `realistic profile: VPN available after ${wall} ms of wall time (6 emulated minutes at 600×)`,
    );
    expect(wall).toBeGreaterThan(400);
    expect(available.VpnConnectionId).toBe(id);
    client.destroy();
    await fast.close();
  });
});
