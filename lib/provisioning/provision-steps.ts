// DESIGN §4, in order. Each step looks up what it would create (by tag, or client token) before
// creating it, and returns what later steps need; the engine records that output.
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AttachVpnGatewayCommand,
  CreateCustomerGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpnConnectionCommand,
  CreateVpnConnectionRouteCommand,
  CreateVpnGatewayCommand,
  DescribeAddressesCommand,
  DescribeCustomerGatewaysCommand,
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
import { openTunnelPsk, sealTunnelPsk } from "@/lib/crypto/tunnel-psk";
import { db } from "@/lib/db";
import { cidr } from "@/lib/net/ipv4";
import { allocateVpcCidr, splitVpcCidr } from "@/lib/provisioning/allocate-vpc-cidr";
import { byTags, tagsFor, waitFor } from "@/lib/provisioning/aws-resources";
import { generateInsideCidrs, generatePsk } from "@/lib/provisioning/generate-tunnel-secrets";
import { outputOf, type StepContext, type WorkflowStep } from "@/lib/provisioning/workflow-types";
import { STATIC_CUSTOMER_GATEWAY_ASN, TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";
import { asnApiField } from "@/lib/vpn-request/check-asn";

const LIVE_NAT_STATES = ["pending", "available"];
const LIVE_VPN_STATES = ["pending", "available", "modifying"];

function wait<T>(ctx: StepContext, what: string, check: () => Promise<T | undefined>) {
  return waitFor(check, {
    intervalMs: ctx.pollIntervalMs,
    timeoutMs: ctx.waitTimeoutMs,
    what,
    sleep: ctx.sleep,
  });
}

const allocateCidr: WorkflowStep = {
  name: "allocate-vpc-cidr",
  label: "Choose the platform VPC address range",
  async run({ request }) {
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
  },
};

const generateSecrets: WorkflowStep = {
  name: "generate-tunnel-secrets",
  label: "Generate tunnel inside addresses and pre-shared keys",
  async run({ request }) {
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
  },
};

const createVpc: WorkflowStep = {
  name: "create-vpc",
  label: "Create the platform VPC",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const found = await ec2.send(new DescribeVpcsCommand({ Filters: byTags(request.id, "vpc") }));
    let vpcId = found.Vpcs?.[0]?.VpcId;
    if (!vpcId) {
      const created = await ec2.send(
        new CreateVpcCommand({
          CidrBlock: outputOf(ctx, "allocate-vpc-cidr", "vpcCidr"),
          TagSpecifications: tagsFor(request.id, "vpc", "vpc"),
        }),
      );
      vpcId = created.Vpc?.VpcId;
    }
    if (!vpcId) throw new Error("CreateVpc returned no VPC ID.");
    return { vpcId };
  },
};

const createSubnets: WorkflowStep = {
  name: "create-subnets",
  label: "Create the private and public subnets",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const vpcId = outputOf(ctx, "create-vpc", "vpcId");
    const ensure = async (resource: "private-subnet" | "public-subnet", cidrBlock: string) => {
      const found = await ec2.send(new DescribeSubnetsCommand({ Filters: byTags(request.id, resource) }));
      const existing = found.Subnets?.[0]?.SubnetId;
      if (existing) return existing;
      const created = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: cidrBlock,
          TagSpecifications: tagsFor(request.id, "subnet", resource),
        }),
      );
      if (!created.Subnet?.SubnetId) throw new Error("CreateSubnet returned no subnet ID.");
      return created.Subnet.SubnetId;
    };
    const privateSubnetId = await ensure(
      "private-subnet",
      outputOf(ctx, "allocate-vpc-cidr", "privateSubnetCidr"),
    );
    const publicSubnetId = await ensure(
      "public-subnet",
      outputOf(ctx, "allocate-vpc-cidr", "publicSubnetCidr"),
    );
    return { privateSubnetId, publicSubnetId };
  },
};

const createInternetGateway: WorkflowStep = {
  name: "create-internet-gateway",
  label: "Create and attach the internet gateway",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const vpcId = outputOf(ctx, "create-vpc", "vpcId");
    const found = await ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: byTags(request.id, "internet-gateway") }),
    );
    let gateway = found.InternetGateways?.[0];
    if (!gateway) {
      const created = await ec2.send(
        new CreateInternetGatewayCommand({
          TagSpecifications: tagsFor(request.id, "internet-gateway", "internet-gateway"),
        }),
      );
      gateway = created.InternetGateway;
    }
    const internetGatewayId = gateway?.InternetGatewayId;
    if (!internetGatewayId) throw new Error("CreateInternetGateway returned no gateway ID.");
    if (!gateway?.Attachments?.some((attachment) => attachment.VpcId === vpcId)) {
      await ec2.send(
        new AttachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }),
      );
    }
    return { internetGatewayId };
  },
};

const createVpnGateway: WorkflowStep = {
  name: "create-vpn-gateway",
  label: "Create and attach the virtual private gateway",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const vpcId = outputOf(ctx, "create-vpc", "vpcId");
    const live = [{ Name: "state", Values: ["pending", "available"] }];
    const found = await ec2.send(
      new DescribeVpnGatewaysCommand({ Filters: byTags(request.id, "vpn-gateway", live) }),
    );
    let gateway = found.VpnGateways?.[0];
    if (!gateway) {
      const created = await ec2.send(
        new CreateVpnGatewayCommand({
          Type: "ipsec.1",
          AmazonSideAsn: ctx.platformAsn,
          TagSpecifications: tagsFor(request.id, "vpn-gateway", "vpn-gateway"),
        }),
      );
      gateway = created.VpnGateway;
    }
    const vpnGatewayId = gateway?.VpnGatewayId;
    if (!vpnGatewayId) throw new Error("CreateVpnGateway returned no gateway ID.");
    const attachment = gateway?.VpcAttachments?.find((candidate) => candidate.VpcId === vpcId);
    if (!attachment || attachment.State === "detached" || attachment.State === "detaching") {
      await ec2.send(new AttachVpnGatewayCommand({ VpnGatewayId: vpnGatewayId, VpcId: vpcId }));
    }
    await ctx.waiting("Waiting for the virtual private gateway to attach to the VPC");
    await wait(ctx, "the virtual private gateway to attach", async () => {
      const described = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [vpnGatewayId] }));
      const state = described.VpnGateways?.[0]?.VpcAttachments?.find((a) => a.VpcId === vpcId)?.State;
      return state === "attached" ? true : undefined;
    });
    await db.vpnRequest.update({ where: { id: request.id }, data: { platformAsn: ctx.platformAsn } });
    return { vpnGatewayId, amazonSideAsn: ctx.platformAsn };
  },
};

const createCustomerGateway: WorkflowStep = {
  name: "create-customer-gateway",
  label: "Register your customer gateway",
  async run({ request, ec2 }) {
    const live = [{ Name: "state", Values: ["pending", "available"] }];
    const found = await ec2.send(
      new DescribeCustomerGatewaysCommand({ Filters: byTags(request.id, "customer-gateway", live) }),
    );
    let customerGatewayId = found.CustomerGateways?.[0]?.CustomerGatewayId;
    if (!customerGatewayId) {
      const asn =
        request.routing === "BGP" && request.bgpAsn !== null ? request.bgpAsn : STATIC_CUSTOMER_GATEWAY_ASN;
      const created = await ec2.send(
        new CreateCustomerGatewayCommand({
          Type: "ipsec.1",
          IpAddress: request.customerGatewayIp,
          // AWS hands back an existing gateway for an identical request (same IP and ASN): a
          // per-request device name keeps two VPNs from one router from sharing (and deleting) one.
          DeviceName: `vpn-portal-${request.id}`,
          ...(asnApiField(asn) === "BgpAsn" ? { BgpAsn: asn } : { BgpAsnExtended: asn }),
          TagSpecifications: tagsFor(request.id, "customer-gateway", "customer-gateway"),
        }),
      );
      customerGatewayId = created.CustomerGateway?.CustomerGatewayId;
    }
    if (!customerGatewayId) throw new Error("CreateCustomerGateway returned no gateway ID.");
    return { customerGatewayId };
  },
};

async function tunnelSpecs(request: StepContext["request"]): Promise<VpnTunnelOptionsSpecification[]> {
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
  }));
}

const createVpnConnection: WorkflowStep = {
  name: "create-vpn-connection",
  label: "Create the VPN connection with two tunnels",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const live = [{ Name: "state", Values: LIVE_VPN_STATES }];
    const found = await ec2.send(
      new DescribeVpnConnectionsCommand({ Filters: byTags(request.id, "vpn-connection", live) }),
    );
    let vpnConnectionId = found.VpnConnections?.[0]?.VpnConnectionId;
    if (!vpnConnectionId) {
      const created = await ec2.send(
        new CreateVpnConnectionCommand({
          Type: "ipsec.1",
          CustomerGatewayId: outputOf(ctx, "create-customer-gateway", "customerGatewayId"),
          VpnGatewayId: outputOf(ctx, "create-vpn-gateway", "vpnGatewayId"),
          Options: {
            StaticRoutesOnly: request.routing === "STATIC",
            TunnelInsideIpVersion: "ipv4",
            TunnelOptions: await tunnelSpecs(request),
          },
          TagSpecifications: tagsFor(request.id, "vpn-connection", "vpn-connection"),
        }),
      );
      vpnConnectionId = created.VpnConnection?.VpnConnectionId;
    }
    if (!vpnConnectionId) throw new Error("CreateVpnConnection returned no connection ID.");
    await db.vpnRequest.update({ where: { id: request.id }, data: { vpnConnectionId } });
    return { vpnConnectionId };
  },
};

const createNatGateway: WorkflowStep = {
  name: "create-nat-gateway",
  label: "Create the NAT gateway for public egress",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const addresses = await ec2.send(
      new DescribeAddressesCommand({ Filters: byTags(request.id, "elastic-ip") }),
    );
    let allocationId = addresses.Addresses?.[0]?.AllocationId;
    let publicIp = addresses.Addresses?.[0]?.PublicIp;
    if (!allocationId) {
      const allocated = await ec2.send(
        new AllocateAddressCommand({
          Domain: "vpc",
          TagSpecifications: tagsFor(request.id, "elastic-ip", "elastic-ip"),
        }),
      );
      allocationId = allocated.AllocationId;
      publicIp = allocated.PublicIp;
    }
    if (!allocationId) throw new Error("AllocateAddress returned no allocation ID.");

    const live = [{ Name: "state", Values: LIVE_NAT_STATES }];
    const found = await ec2.send(
      new DescribeNatGatewaysCommand({ Filter: byTags(request.id, "nat-gateway", live) }),
    );
    let natGatewayId = found.NatGateways?.[0]?.NatGatewayId;
    if (!natGatewayId) {
      const created = await ec2.send(
        new CreateNatGatewayCommand({
          SubnetId: outputOf(ctx, "create-subnets", "publicSubnetId"),
          AllocationId: allocationId,
          ConnectivityType: "public",
          // Same token on a retry returns the gateway created before instead of a second one.
          ClientToken: `${request.id}-nat`,
          TagSpecifications: tagsFor(request.id, "natgateway", "nat-gateway"),
        }),
      );
      natGatewayId = created.NatGateway?.NatGatewayId;
    }
    if (!natGatewayId) throw new Error("CreateNatGateway returned no gateway ID.");
    const gatewayId = natGatewayId;
    await ctx.waiting("Waiting for the NAT gateway to become available");
    await wait(ctx, "the NAT gateway to become available", async () => {
      const described = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [gatewayId] }));
      const gateway = described.NatGateways?.[0];
      if (gateway?.State === "failed") {
        throw new Error(
          `NAT gateway ${gatewayId} failed: ${gateway.FailureCode ?? ""} ${gateway.FailureMessage ?? ""}`.trim(),
        );
      }
      return gateway?.State === "available" ? true : undefined;
    });
    return { allocationId, publicIp: publicIp ?? null, natGatewayId };
  },
};

const configureRouting: WorkflowStep = {
  name: "configure-routing",
  label: "Configure route tables and VPN routes",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const vpcId = outputOf(ctx, "create-vpc", "vpcId");
    const ensureTable = async (resource: "private-route-table" | "public-route-table") => {
      const found = await ec2.send(new DescribeRouteTablesCommand({ Filters: byTags(request.id, resource) }));
      const existing = found.RouteTables?.[0];
      if (existing) return existing;
      const created = await ec2.send(
        new CreateRouteTableCommand({
          VpcId: vpcId,
          TagSpecifications: tagsFor(request.id, "route-table", resource),
        }),
      );
      if (!created.RouteTable) throw new Error("CreateRouteTable returned no route table.");
      return created.RouteTable;
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
      await ec2.send(
        new AssociateRouteTableCommand({ RouteTableId: table.RouteTableId, SubnetId: subnetId }),
      );
    };

    const privateTable = await ensureTable("private-route-table");
    const publicTable = await ensureTable("public-route-table");
    await ensureDefaultRoute(privateTable, {
      NatGatewayId: outputOf(ctx, "create-nat-gateway", "natGatewayId"),
    });
    await ensureDefaultRoute(publicTable, {
      GatewayId: outputOf(ctx, "create-internet-gateway", "internetGatewayId"),
    });
    await ensureAssociation(privateTable, outputOf(ctx, "create-subnets", "privateSubnetId"));
    await ensureAssociation(publicTable, outputOf(ctx, "create-subnets", "publicSubnetId"));
    // The customer's networks reach the private subnet through the virtual private gateway.
    const vpnGatewayId = outputOf(ctx, "create-vpn-gateway", "vpnGatewayId");
    if (!privateTable.PropagatingVgws?.some((vgw) => vgw.GatewayId === vpnGatewayId)) {
      await ec2.send(
        new EnableVgwRoutePropagationCommand({
          GatewayId: vpnGatewayId,
          RouteTableId: privateTable.RouteTableId,
        }),
      );
    }

    const vpnConnectionId = outputOf(ctx, "create-vpn-connection", "vpnConnectionId");
    if (request.routing === "STATIC") {
      const described = await ec2.send(
        new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }),
      );
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
  },
};

const waitForVpn: WorkflowStep = {
  name: "wait-for-vpn-connection",
  label: "Wait for the VPN connection to become available",
  async run(ctx) {
    const { request, ec2 } = ctx;
    const vpnConnectionId = outputOf(ctx, "create-vpn-connection", "vpnConnectionId");
    await ctx.waiting("Waiting for AWS to make the VPN connection available (usually a few minutes on AWS)");
    const connection = await wait(ctx, "the VPN connection to become available", async () => {
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
  },
};

export const PROVISION_STEPS: readonly WorkflowStep[] = [
  allocateCidr,
  generateSecrets,
  createVpc,
  createSubnets,
  createInternetGateway,
  createVpnGateway,
  createCustomerGateway,
  createVpnConnection,
  createNatGateway,
  configureRouting,
  waitForVpn,
];
