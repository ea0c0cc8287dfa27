// DESIGN §4, in order (names, labels and output types: PROVISION_CATALOGUE). Each step finds what
// it would create by tag before creating it (findOrCreateResource), and returns what later steps
// need; the engine checks that output against the catalogue and records it.
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnConnectionRouteCommand,
  CreateVpnGatewayCommand,
  DeleteNatGatewayCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  EnableVgwRoutePropagationCommand,
  type VpnTunnelOptionsSpecification,
} from "@aws-sdk/client-ec2";
import { chooseAvailabilityZone } from "@/lib/aws/choose-availability-zone";
import { openTunnelPsk, sealTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { cidr } from "@/lib/net/ipv4";
import { allocateVpcCidr, splitVpcCidr } from "@/lib/provisioning/allocate-vpc-cidr";
import { byTags, createIntentsOf, findOrCreateResource, waitForStep } from "@/lib/provisioning/aws-resources";
import { findOrCreateCustomerGateway } from "@/lib/provisioning/customer-gateway";
import { generateInsideCidrs, generatePsk } from "@/lib/provisioning/generate-tunnel-secrets";
import { PROVISION_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { implementSteps, type StepContext, type StepRun } from "@/lib/provisioning/workflow-types";
import { ensureTunnelLogGroup, tunnelLogOptions } from "@/lib/tunnels/tunnel-log-group";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";

const LIVE_NAT_STATES = ["pending", "available"];
// AWS's VpnState: pending, available, deleting, deleted (there is no "modifying").
const LIVE_VPN_STATES = ["pending", "available"];

type Run<K extends keyof typeof PROVISION_CATALOGUE> = StepRun<typeof PROVISION_CATALOGUE, K>;

const allocateCidr: Run<"allocateVpcCidr"> = async ({ request }) => {
  // A retry keeps the range already recorded: resources may exist in it.
  if (request.platformVpcCidr) return splitVpcCidr(cidr(request.platformVpcCidr));
  // Other live platform VPCs of this organization are avoided too, so its VPNs can coexist.
  const siblings = await db.vpnRequest.findMany({
    where: {
      organizationId: request.organizationId,
      id: { not: request.id },
      platformVpcCidr: { not: null },
    },
    select: { platformVpcCidr: true },
  });
  const allocation = allocateVpcCidr({
    customerCidrs: [...request.subnetRanges, ...request.advertisedNetworks],
    avoid: siblings.flatMap((sibling) => (sibling.platformVpcCidr ? [sibling.platformVpcCidr] : [])),
  });
  await db.vpnRequest.update({ where: { id: request.id }, data: { platformVpcCidr: allocation.vpcCidr } });
  return allocation;
};

const generateTunnelSecrets: Run<"generateTunnelSecrets"> = async ({ request }) => {
  // AWS always builds two tunnels; both get strong, distinct secrets (DESIGN §5).
  const existing = await db.tunnel.findMany({ where: { requestId: request.id }, select: { number: true } });
  if (existing.length < 2) {
    const insideCidrs = generateInsideCidrs(2);
    for (const number of [1, 2]) {
      if (existing.some((tunnel) => tunnel.number === number)) continue;
      await db.tunnel.create({
        data: {
          requestId: request.id,
          number,
          insideCidr: insideCidrs[number - 1] ?? "",
          pskEncrypted: sealTunnelPsk(request.id, number, generatePsk()),
        },
      });
    }
  }
  const tunnels = await db.tunnel.findMany({
    where: { requestId: request.id },
    orderBy: { number: "asc" },
  });
  return { insideCidrs: tunnels.map((tunnel) => tunnel.insideCidr) };
};

const createVpc: Run<"createVpc"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const vpc = await findOrCreateResource(request.id, {
    resource: "vpc",
    resourceType: "vpc",
    intents: createIntentsOf(ctx),
    find: async (Filters) => (await ec2.send(new DescribeVpcsCommand({ Filters }))).Vpcs?.[0],
    create: async (TagSpecifications) =>
      (
        await ec2.send(
          new CreateVpcCommand({ CidrBlock: outputs.allocateVpcCidr.vpcCidr, TagSpecifications }),
        )
      ).Vpc,
    idOf: (found) => found.VpcId,
  });
  return { vpcId: vpc.id };
};

const createSubnets: Run<"createSubnets"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const vpcId = outputs.createVpc.vpcId;
  // Both subnets in one zone the region offers (the NAT gateway and the private subnet side by side).
  const availabilityZone = await chooseAvailabilityZone(ec2);
  const ensure = async (resource: "private-subnet" | "public-subnet", cidrBlock: string) => {
    const subnet = await findOrCreateResource(request.id, {
      resource,
      resourceType: "subnet",
      intents: createIntentsOf(ctx),
      find: async (Filters) => (await ec2.send(new DescribeSubnetsCommand({ Filters }))).Subnets?.[0],
      create: async (TagSpecifications) =>
        (
          await ec2.send(
            new CreateSubnetCommand({
              VpcId: vpcId,
              CidrBlock: cidrBlock,
              AvailabilityZone: availabilityZone,
              TagSpecifications,
            }),
          )
        ).Subnet,
      idOf: (found) => found.SubnetId,
    });
    return subnet.id;
  };
  const { privateSubnetCidr, publicSubnetCidr } = outputs.allocateVpcCidr;
  const privateSubnetId = await ensure("private-subnet", privateSubnetCidr);
  const publicSubnetId = await ensure("public-subnet", publicSubnetCidr);
  return { privateSubnetId, publicSubnetId };
};

const createInternetGateway: Run<"createInternetGateway"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const vpcId = outputs.createVpc.vpcId;
  const gateway = await findOrCreateResource(request.id, {
    resource: "internet-gateway",
    resourceType: "internet-gateway",
    intents: createIntentsOf(ctx),
    find: async (Filters) =>
      (await ec2.send(new DescribeInternetGatewaysCommand({ Filters }))).InternetGateways?.[0],
    create: async (TagSpecifications) =>
      (await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications }))).InternetGateway,
    idOf: (found) => found.InternetGatewayId,
  });
  if (!gateway.resource.Attachments?.some((attachment) => attachment.VpcId === vpcId)) {
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gateway.id, VpcId: vpcId }));
  }
  return { internetGatewayId: gateway.id };
};

const createVpnGateway: Run<"createVpnGateway"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const vpcId = outputs.createVpc.vpcId;
  const gateway = await findOrCreateResource(request.id, {
    resource: "vpn-gateway",
    resourceType: "vpn-gateway",
    liveStates: ["pending", "available"],
    intents: createIntentsOf(ctx),
    find: async (Filters) => (await ec2.send(new DescribeVpnGatewaysCommand({ Filters }))).VpnGateways?.[0],
    create: async (TagSpecifications) =>
      (
        await ec2.send(
          new CreateVpnGatewayCommand({ Type: "ipsec.1", AmazonSideAsn: ctx.platformAsn, TagSpecifications }),
        )
      ).VpnGateway,
    idOf: (found) => found.VpnGatewayId,
  });
  const vpnGatewayId = gateway.id;
  // A new virtual private gateway is `pending` for a while; AWS attaches only an `available` one.
  if (gateway.resource.State !== "available") {
    await ctx.waiting("Waiting for the virtual private gateway to become available");
    await waitForStep(ctx, "the virtual private gateway to become available", async () => {
      const described = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vpnGatewayId] }));
      return described.VpnGateways?.[0]?.State === "available" ? true : undefined;
    });
  }
  const attachment = gateway.resource.VpcAttachments?.find((candidate) => candidate.VpcId === vpcId);
  if (!attachment || attachment.State === "detached" || attachment.State === "detaching") {
    await ec2.send(new AttachVpnGatewayCommand({ VpnGatewayId: vpnGatewayId, VpcId: vpcId }));
  }
  await ctx.waiting("Waiting for the virtual private gateway to attach to the VPC");
  await waitForStep(ctx, "the virtual private gateway to attach", async () => {
    const described = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vpnGatewayId] }));
    const state = described.VpnGateways?.[0]?.VpcAttachments?.find((a) => a.VpcId === vpcId)?.State;
    return state === "attached" ? true : undefined;
  });
  await db.vpnRequest.update({ where: { id: request.id }, data: { platformAsn: ctx.platformAsn } });
  return { vpnGatewayId, amazonSideAsn: ctx.platformAsn };
};

const createCustomerGateway: Run<"createCustomerGateway"> = ({ request, ec2 }) =>
  findOrCreateCustomerGateway(ec2, request);

async function tunnelSpecs(
  request: StepContext["request"],
  logGroupArn: string,
): Promise<VpnTunnelOptionsSpecification[]> {
  const tunnels = await db.tunnel.findMany({
    where: { requestId: request.id },
    orderBy: { number: "asc" },
    omit: { pskEncrypted: false },
  });
  const policy = TUNNEL_POLICY;
  const values = <T>(items: readonly T[]) => items.map((Value) => ({ Value }));
  // Options for BOTH tunnels: a single spec leaves tunnel 2 on weak defaults (DESIGN §5).
  return tunnels.map((tunnel) => ({
    TunnelInsideCidr: tunnel.insideCidr,
    PreSharedKey: openTunnelPsk(request.id, tunnel.number, tunnel.pskEncrypted),
    IKEVersions: [{ Value: request.ikeVersion === "IKEV2" ? "ikev2" : "ikev1" }],
    Phase1EncryptionAlgorithms: values(policy.phase1.encryption),
    Phase1IntegrityAlgorithms: values(policy.phase1.integrity),
    Phase1DHGroupNumbers: values(policy.phase1.dhGroups),
    Phase1LifetimeSeconds: policy.phase1.lifetimeSeconds,
    Phase2EncryptionAlgorithms: values(policy.phase2.encryption),
    Phase2IntegrityAlgorithms: values(policy.phase2.integrity),
    Phase2DHGroupNumbers: values(policy.phase2.dhGroups),
    Phase2LifetimeSeconds: policy.phase2.lifetimeSeconds,
    DPDTimeoutSeconds: policy.dpdTimeoutSeconds,
    DPDTimeoutAction: policy.dpdTimeoutAction,
    StartupAction: "add",
    // Tunnel logs (IKE and BGP) are the evidence of why a tunnel is down (DESIGN §10).
    LogOptions: tunnelLogOptions(logGroupArn),
  }));
}

const createVpnConnection: Run<"createVpnConnection"> = async ({ request, ec2, account, outputs }) => {
  // The log group lives in the account that owns the connection (AWS refuses another account's).
  const logGroupArn = await ensureTunnelLogGroup(request.region, account);
  const connection = await findOrCreateResource(request.id, {
    resource: "vpn-connection",
    resourceType: "vpn-connection",
    liveStates: LIVE_VPN_STATES,
    // CreateVpnConnection is idempotent: the identical call (same gateways, options, PSKs, tags)
    // returns the connection a lost reply hid, so it needs no lookup window.
    find: async (Filters) =>
      (await ec2.send(new DescribeVpnConnectionsCommand({ Filters }))).VpnConnections?.[0],
    create: async (TagSpecifications) =>
      (
        await ec2.send(
          new CreateVpnConnectionCommand({
            Type: "ipsec.1",
            CustomerGatewayId: outputs.createCustomerGateway.customerGatewayId,
            VpnGatewayId: outputs.createVpnGateway.vpnGatewayId,
            Options: {
              StaticRoutesOnly: request.routing === "STATIC",
              TunnelInsideIpVersion: "ipv4",
              TunnelOptions: await tunnelSpecs(request, logGroupArn),
            },
            TagSpecifications,
          }),
        )
      ).VpnConnection,
    idOf: (found) => found.VpnConnectionId,
  });
  const vpnConnectionId = connection.id;
  await db.vpnRequest.update({ where: { id: request.id }, data: { vpnConnectionId } });
  return { vpnConnectionId };
};

const createNatGateway: Run<"createNatGateway"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const address = await findOrCreateResource(request.id, {
    resource: "elastic-ip",
    resourceType: "elastic-ip",
    intents: createIntentsOf(ctx),
    find: async (Filters) => (await ec2.send(new DescribeAddressesCommand({ Filters }))).Addresses?.[0],
    create: async (TagSpecifications) =>
      await ec2.send(new AllocateAddressCommand({ Domain: "vpc", TagSpecifications })),
    idOf: (found) => found.AllocationId,
  });
  const allocationId = address.id;
  // The client token names one NAT gateway for good: once that one has failed, the same token only
  // ever returns it, so each failed gateway moves the request on to the next generation's token.
  const earlier = await ec2.send(
    new DescribeNatGatewaysCommand({ Filter: byTags(request.id, "nat-gateway") }),
  );
  const generation =
    1 + (earlier.NatGateways ?? []).filter((nat) => !LIVE_NAT_STATES.includes(nat.State ?? "")).length;
  const gateway = await findOrCreateResource(request.id, {
    resource: "nat-gateway",
    resourceType: "natgateway",
    liveStates: LIVE_NAT_STATES,
    find: async (Filter) => (await ec2.send(new DescribeNatGatewaysCommand({ Filter }))).NatGateways?.[0],
    create: async (TagSpecifications) =>
      (
        await ec2.send(
          new CreateNatGatewayCommand({
            SubnetId: outputs.createSubnets.publicSubnetId,
            AllocationId: allocationId,
            ConnectivityType: "public",
            // Same token on a retry returns the gateway created before instead of a second one.
            ClientToken: `${request.id}-nat-${generation}`,
            TagSpecifications,
          }),
        )
      ).NatGateway,
    idOf: (found) => found.NatGatewayId,
  });
  const natGatewayId = gateway.id;
  await ctx.waiting("Waiting for the NAT gateway to become available");
  await waitForStep(ctx, "the NAT gateway to become available", async () => {
    const described = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [natGatewayId] }));
    const found = described.NatGateways?.[0];
    if (found?.State === "failed") {
      // Out of the way (and out of the quota's sight); a retry creates the next generation.
      await ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: natGatewayId })).catch(() => undefined);
      throw new Error(
        `NAT gateway ${natGatewayId} failed: ${found.FailureCode ?? ""} ${found.FailureMessage ?? ""}`.trim(),
      );
    }
    return found?.State === "available" ? true : undefined;
  });
  return { allocationId, publicIp: address.resource.PublicIp ?? null, natGatewayId };
};

const configureRouting: Run<"configureRouting"> = async (ctx) => {
  const { request, ec2, outputs } = ctx;
  const vpcId = outputs.createVpc.vpcId;
  const ensureTable = async (resource: "private-route-table" | "public-route-table") => {
    const table = await findOrCreateResource(request.id, {
      resource,
      resourceType: "route-table",
      find: async (Filters) => (await ec2.send(new DescribeRouteTablesCommand({ Filters }))).RouteTables?.[0],
      // The client token makes a repeated create return the same table (no lookup window needed).
      create: async (TagSpecifications) =>
        (
          await ec2.send(
            new CreateRouteTableCommand({
              VpcId: vpcId,
              ClientToken: `${request.id}-${resource}`,
              TagSpecifications,
            }),
          )
        ).RouteTable,
      idOf: (found) => found.RouteTableId,
    });
    return table.resource;
  };
  const ensureDefaultRoute = async (
    table: Awaited<ReturnType<typeof ensureTable>>,
    target: { NatGatewayId?: string; GatewayId?: string },
  ) => {
    if (table.Routes?.some((route) => route.DestinationCidrBlock === "0.0.0.0/0")) return;
    await ec2.send(
      new CreateRouteCommand({
        RouteTableId: table.RouteTableId,
        DestinationCidrBlock: "0.0.0.0/0",
        ...target,
      }),
    );
  };
  const ensureAssociation = async (table: Awaited<ReturnType<typeof ensureTable>>, subnetId: string) => {
    if (table.Associations?.some((association) => association.SubnetId === subnetId)) return;
    await ec2.send(new AssociateRouteTableCommand({ RouteTableId: table.RouteTableId, SubnetId: subnetId }));
  };

  const privateTable = await ensureTable("private-route-table");
  const publicTable = await ensureTable("public-route-table");
  await ensureDefaultRoute(privateTable, {
    NatGatewayId: outputs.createNatGateway.natGatewayId,
  });
  await ensureDefaultRoute(publicTable, {
    GatewayId: outputs.createInternetGateway.internetGatewayId,
  });
  await ensureAssociation(privateTable, outputs.createSubnets.privateSubnetId);
  await ensureAssociation(publicTable, outputs.createSubnets.publicSubnetId);
  // The customer's networks reach the private subnet through the virtual private gateway.
  const vpnGatewayId = outputs.createVpnGateway.vpnGatewayId;
  if (!privateTable.PropagatingVgws?.some((vgw) => vgw.GatewayId === vpnGatewayId)) {
    await ec2.send(
      new EnableVgwRoutePropagationCommand({
        GatewayId: vpnGatewayId,
        RouteTableId: privateTable.RouteTableId,
      }),
    );
  }

  const vpnConnectionId = outputs.createVpnConnection.vpnConnectionId;
  if (request.routing === "STATIC") {
    // AWS adds static routes only to an `available` connection (InvalidVpnConnection.InvalidState).
    await ctx.waiting("Waiting for the VPN connection to become available before adding its static routes");
    const described = await waitForStep(ctx, "the VPN connection to become available", async () => {
      const answer = await ec2.send(
        new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }),
      );
      const state = answer.VpnConnections?.[0]?.State;
      if (state === "deleting" || state === "deleted")
        throw new Error(`VPN connection ${vpnConnectionId} is ${state}; it was removed outside the portal.`);
      return state === "available" ? answer : undefined;
    });
    const present = new Set(
      (described.VpnConnections?.[0]?.Routes ?? [])
        .filter((route) => route.State !== "deleted" && route.State !== "deleting")
        .map((route) => route.DestinationCidrBlock),
    );
    for (const cidr of request.subnetRanges) {
      if (present.has(cidr)) continue;
      await ec2.send(
        new CreateVpnConnectionRouteCommand({
          VpnConnectionId: vpnConnectionId,
          DestinationCidrBlock: cidr,
        }),
      );
    }
  }
  return {
    privateRouteTableId: privateTable.RouteTableId ?? null,
    publicRouteTableId: publicTable.RouteTableId ?? null,
  };
};

const waitForVpnConnection: Run<"waitForVpnConnection"> = async (ctx) => {
  const { request, ec2 } = ctx;
  const vpnConnectionId = ctx.outputs.createVpnConnection.vpnConnectionId;
  await ctx.waiting("Waiting for AWS to make the VPN connection available (usually a few minutes on AWS)");
  const connection = await waitForStep(ctx, "the VPN connection to become available", async () => {
    const described = await ec2.send(
      new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }),
    );
    const found = described.VpnConnections?.[0];
    if (found?.State === "deleted" || found?.State === "deleting") {
      throw new Error(
        `VPN connection ${vpnConnectionId} is ${found.State}; it was removed outside the portal.`,
      );
    }
    return found?.State === "available" ? found : undefined;
  });
  const tunnels = await db.tunnel.findMany({ where: { requestId: request.id } });
  const outsideIps: string[] = [];
  for (const tunnel of tunnels) {
    const options = connection.Options?.TunnelOptions?.find(
      (option) => option.TunnelInsideCidr === tunnel.insideCidr,
    );
    if (!options?.OutsideIpAddress) {
      throw new Error(`AWS reports no outside IP for tunnel ${tunnel.number} (${tunnel.insideCidr}).`);
    }
    outsideIps.push(options.OutsideIpAddress);
    await db.tunnel.update({ where: { id: tunnel.id }, data: { outsideIp: options.OutsideIpAddress } });
  }
  return { outsideIps };
};

export const PROVISION_WORKFLOW = implementSteps(PROVISION_CATALOGUE, {
  allocateVpcCidr: allocateCidr,
  generateTunnelSecrets,
  createVpc,
  createSubnets,
  createInternetGateway,
  createVpnGateway,
  createCustomerGateway,
  createVpnConnection,
  createNatGateway,
  configureRouting,
  waitForVpnConnection,
});
