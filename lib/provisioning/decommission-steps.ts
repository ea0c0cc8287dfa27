// DESIGN §4 undone in reverse (names, labels and output types: DECOMMISSION_CATALOGUE). Every step finds the request's resources by tag (so it also
// removes what a half-finished provisioning left) and treats "already gone" as done.
import {
  DeleteCustomerGatewayCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeleteVpnConnectionCommand,
  DeleteVpnGatewayCommand,
  DescribeAddressesCommand,
  DescribeCustomerGatewaysCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  DisassociateRouteTableCommand,
  ReleaseAddressCommand,
} from "@aws-sdk/client-ec2";
import { awsErrorCode } from "@/lib/aws/aws-errors";
import { untilReleased } from "@/lib/aws/eventual-consistency";
import { byTags, waitFor } from "@/lib/provisioning/aws-resources";
import { DECOMMISSION_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { implementSteps, type StepContext, type StepRun } from "@/lib/provisioning/workflow-types";

type Run<K extends keyof typeof DECOMMISSION_CATALOGUE> = StepRun<typeof DECOMMISSION_CATALOGUE, K>;

function wait<T>(ctx: StepContext<unknown>, what: string, check: () => Promise<T | undefined>) {
  return waitFor(check, {
    intervalMs: ctx.pollIntervalMs,
    timeoutMs: ctx.waitTimeoutMs,
    what,
    sleep: ctx.sleep,
  });
}

/** A delete whose target is already gone has done its job. */
async function ignoringNotFound(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (/NotFound|\.Malformed$/.test(awsErrorCode(error))) return;
    throw error;
  }
}

/**
 * A delete that AWS refuses with DependencyViolation while it still releases what a deleted
 * resource held (a NAT gateway's network interface lingers minutes after the gateway is
 * `deleted`): tried again for the step's wait budget, and "already gone" is done.
 */
function removing(ctx: StepContext<unknown>, what: string, work: () => Promise<unknown>) {
  let noted = false;
  return ignoringNotFound(() =>
    untilReleased(work, {
      windowMs: ctx.waitTimeoutMs,
      sleep: ctx.sleep,
      onWait: async () => {
        if (noted) return;
        noted = true;
        await ctx.waiting(`Waiting for AWS to release what still depends on the ${what}`);
      },
    }),
  );
}

const deleteNatGateway: Run<"deleteNatGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  const live = [{ Name: "state", Values: ["pending", "available", "deleting", "failed"] }];
  const found = await ec2.send(
    new DescribeNatGatewaysCommand({ Filter: byTags(request.id, "nat-gateway", live) }),
  );
  const ids = (found.NatGateways ?? []).flatMap((gateway) =>
    gateway.NatGatewayId ? [gateway.NatGatewayId] : [],
  );
  for (const id of ids)
    await ignoringNotFound(() => ec2.send(new DeleteNatGatewayCommand({ NatGatewayId: id })));
  if (ids.length > 0) {
    await ctx.waiting("Waiting for the NAT gateway to be deleted");
    await wait(ctx, "the NAT gateway to be deleted", async () => {
      const described = await ec2.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ids }));
      return (described.NatGateways ?? []).every((gateway) => gateway.State === "deleted") ? true : undefined;
    });
  }
  return { deleted: ids };
};

const releaseElasticIp: Run<"releaseElasticIp"> = async ({ ec2, request }) => {
  const found = await ec2.send(new DescribeAddressesCommand({ Filters: byTags(request.id, "elastic-ip") }));
  const ids = (found.Addresses ?? []).flatMap((address) =>
    address.AllocationId ? [address.AllocationId] : [],
  );
  for (const id of ids)
    await ignoringNotFound(() => ec2.send(new ReleaseAddressCommand({ AllocationId: id })));
  return { deleted: ids };
};

const deleteVpnConnection: Run<"deleteVpnConnection"> = async (ctx) => {
  const { ec2, request } = ctx;
  const live = [{ Name: "state", Values: ["pending", "available", "deleting"] }];
  const found = await ec2.send(
    new DescribeVpnConnectionsCommand({ Filters: byTags(request.id, "vpn-connection", live) }),
  );
  const ids = (found.VpnConnections ?? []).flatMap((connection) =>
    connection.VpnConnectionId ? [connection.VpnConnectionId] : [],
  );
  for (const id of ids)
    await ignoringNotFound(() => ec2.send(new DeleteVpnConnectionCommand({ VpnConnectionId: id })));
  if (ids.length > 0) {
    await ctx.waiting("Waiting for the VPN connection to be deleted");
    await wait(ctx, "the VPN connection to be deleted", async () => {
      const described = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: ids }));
      return (described.VpnConnections ?? []).every((connection) => connection.State === "deleted")
        ? true
        : undefined;
    });
  }
  return { deleted: ids };
};

const deleteCustomerGateway: Run<"deleteCustomerGateway"> = async ({ ec2, request }) => {
  const live = [{ Name: "state", Values: ["pending", "available"] }];
  const found = await ec2.send(
    new DescribeCustomerGatewaysCommand({ Filters: byTags(request.id, "customer-gateway", live) }),
  );
  const ids = (found.CustomerGateways ?? []).flatMap((gateway) =>
    gateway.CustomerGatewayId ? [gateway.CustomerGatewayId] : [],
  );
  for (const id of ids)
    await ignoringNotFound(() => ec2.send(new DeleteCustomerGatewayCommand({ CustomerGatewayId: id })));
  return { deleted: ids };
};

const deleteVpnGateway: Run<"deleteVpnGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  // `deleting` ones too: a retry waits for what an earlier run already deleted.
  const live = [{ Name: "state", Values: ["pending", "available", "deleting"] }];
  const found = await ec2.send(
    new DescribeVpnGatewaysCommand({ Filters: byTags(request.id, "vpn-gateway", live) }),
  );
  const deleted: string[] = [];
  for (const gateway of found.VpnGateways ?? []) {
    const id = gateway.VpnGatewayId;
    if (!id) continue;
    deleted.push(id);
    if (gateway.State === "deleting") continue;
    for (const attachment of gateway.VpcAttachments ?? []) {
      if (attachment.State === "attached" || attachment.State === "attaching") {
        await ignoringNotFound(() =>
          ec2.send(new DetachVpnGatewayCommand({ VpnGatewayId: id, VpcId: attachment.VpcId })),
        );
      }
    }
    await ctx.waiting("Waiting for the virtual private gateway to detach");
    await wait(ctx, "the virtual private gateway to detach", async () => {
      const described = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: [id] }));
      const attachments = described.VpnGateways?.[0]?.VpcAttachments ?? [];
      return attachments.every((attachment) => attachment.State === "detached") ? true : undefined;
    });
    await ignoringNotFound(() => ec2.send(new DeleteVpnGatewayCommand({ VpnGatewayId: id })));
  }
  if (deleted.length > 0) {
    // A virtual private gateway is `deleting` for a while before it is `deleted`.
    await ctx.waiting("Waiting for the virtual private gateway to be deleted");
    await wait(ctx, "the virtual private gateway to be deleted", async () => {
      const described = await ec2.send(new DescribeVpnGatewaysCommand({ VpnGatewayIds: deleted }));
      return (described.VpnGateways ?? []).every((gateway) => gateway.State === "deleted") ? true : undefined;
    });
  }
  return { deleted };
};

const deleteRouteTables: Run<"deleteRouteTables"> = async (ctx) => {
  const { ec2, request } = ctx;
  const deleted: string[] = [];
  for (const resource of ["private-route-table", "public-route-table"] as const) {
    const found = await ec2.send(new DescribeRouteTablesCommand({ Filters: byTags(request.id, resource) }));
    for (const table of found.RouteTables ?? []) {
      for (const association of table.Associations ?? []) {
        if (association.Main || !association.RouteTableAssociationId) continue;
        const associationId = association.RouteTableAssociationId;
        await ignoringNotFound(() =>
          ec2.send(new DisassociateRouteTableCommand({ AssociationId: associationId })),
        );
      }
      if (table.RouteTableId) {
        const id = table.RouteTableId;
        await removing(ctx, "route table", () => ec2.send(new DeleteRouteTableCommand({ RouteTableId: id })));
        deleted.push(id);
      }
    }
  }
  return { deleted };
};

const deleteInternetGateway: Run<"deleteInternetGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  const found = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: byTags(request.id, "internet-gateway") }),
  );
  const deleted: string[] = [];
  for (const gateway of found.InternetGateways ?? []) {
    const id = gateway.InternetGatewayId;
    if (!id) continue;
    for (const attachment of gateway.Attachments ?? []) {
      await removing(ctx, "internet gateway", () =>
        ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: attachment.VpcId })),
      );
    }
    await removing(ctx, "internet gateway", () =>
      ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: id })),
    );
    deleted.push(id);
  }
  return { deleted };
};

const deleteSubnets: Run<"deleteSubnets"> = async (ctx) => {
  const { ec2, request } = ctx;
  const deleted: string[] = [];
  for (const resource of ["private-subnet", "public-subnet"] as const) {
    const found = await ec2.send(new DescribeSubnetsCommand({ Filters: byTags(request.id, resource) }));
    for (const subnet of found.Subnets ?? []) {
      if (!subnet.SubnetId) continue;
      const id = subnet.SubnetId;
      await removing(ctx, "subnet", () => ec2.send(new DeleteSubnetCommand({ SubnetId: id })));
      deleted.push(id);
    }
  }
  return { deleted };
};

const deleteVpc: Run<"deleteVpc"> = async (ctx) => {
  const { ec2, request } = ctx;
  const found = await ec2.send(new DescribeVpcsCommand({ Filters: byTags(request.id, "vpc") }));
  const deleted: string[] = [];
  for (const vpc of found.Vpcs ?? []) {
    if (!vpc.VpcId) continue;
    const id = vpc.VpcId;
    await removing(ctx, "VPC", () => ec2.send(new DeleteVpcCommand({ VpcId: id })));
    deleted.push(id);
  }
  return { deleted };
};

export const DECOMMISSION_WORKFLOW = implementSteps(DECOMMISSION_CATALOGUE, {
  deleteNatGateway,
  releaseElasticIp,
  deleteVpnConnection,
  deleteCustomerGateway,
  deleteVpnGateway,
  deleteRouteTables,
  deleteInternetGateway,
  deleteSubnets,
  deleteVpc,
});
