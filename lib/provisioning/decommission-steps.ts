// DESIGN §4 undone in reverse (names, labels and output types: DECOMMISSION_CATALOGUE). Every step finds the request's resources by tag (so it also
// removes what a half-finished provisioning left) and treats "already gone" as done.
import * as EC2 from "@aws-sdk/client-ec2";
import { awsErrorCode } from "@/lib/aws/aws-errors";
import { untilReleased } from "@/lib/aws/eventual-consistency";
import { byTags, type PortalResource, waitForStep } from "@/lib/provisioning/aws-resources";
import { DECOMMISSION_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { implementSteps, type StepContext, type StepRun } from "@/lib/provisioning/workflow-types";

type Run<K extends keyof typeof DECOMMISSION_CATALOGUE> = StepRun<typeof DECOMMISSION_CATALOGUE, K>;

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

/** Tells the user, then waits until every resource `read` returns is `deleted` (AWS deletes in the background). */
async function untilDeleted(
  ctx: StepContext<unknown>,
  what: string,
  read: () => Promise<readonly { State?: string }[] | undefined>,
) {
  await ctx.waiting(`Waiting for the ${what} to be deleted`);
  await waitForStep(ctx, `the ${what} to be deleted`, async () =>
    ((await read()) ?? []).every((resource) => resource.State === "deleted") ? true : undefined,
  );
}

/**
 * The first steps: the request's `resource` (in one of `states`, when given) found by tag, each
 * deleted ("already gone" is done), then, where AWS deletes in the background, awaited until
 * `deleted` (`awaitDeleted`: what it is, and how to read the deleted ones again).
 */
async function deleteTagged<T>(
  ctx: StepContext<unknown>,
  resource: PortalResource,
  steps: {
    states?: string[];
    find: (filters: EC2.Filter[]) => Promise<T[] | undefined>;
    idOf: (found: T) => string | undefined;
    remove: (id: string) => Promise<unknown>;
    awaitDeleted?: {
      what: string;
      read: (ids: string[]) => Promise<readonly { State?: string }[] | undefined>;
    };
  },
) {
  const live = steps.states ? [{ Name: "state", Values: steps.states }] : [];
  const found = (await steps.find(byTags(ctx.request.id, resource, live))) ?? [];
  const ids = found.flatMap((item) => {
    const id = steps.idOf(item);
    return id ? [id] : [];
  });
  for (const id of ids) await ignoringNotFound(() => steps.remove(id));
  const { awaitDeleted } = steps;
  if (awaitDeleted && ids.length > 0)
    await untilDeleted(ctx, awaitDeleted.what, () => awaitDeleted.read(ids));
  return { deleted: ids };
}

const deleteNatGateway: Run<"deleteNatGateway"> = (ctx) =>
  deleteTagged(ctx, "nat-gateway", {
    states: ["pending", "available", "deleting", "failed"],
    find: async (Filter) => (await ctx.ec2.send(new EC2.DescribeNatGatewaysCommand({ Filter }))).NatGateways,
    idOf: (gateway) => gateway.NatGatewayId,
    remove: (id) => ctx.ec2.send(new EC2.DeleteNatGatewayCommand({ NatGatewayId: id })),
    awaitDeleted: {
      what: "NAT gateway",
      read: async (NatGatewayIds) =>
        (await ctx.ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds }))).NatGateways,
    },
  });

const releaseElasticIp: Run<"releaseElasticIp"> = (ctx) =>
  deleteTagged(ctx, "elastic-ip", {
    find: async (Filters) => (await ctx.ec2.send(new EC2.DescribeAddressesCommand({ Filters }))).Addresses,
    idOf: (address) => address.AllocationId,
    remove: (id) => ctx.ec2.send(new EC2.ReleaseAddressCommand({ AllocationId: id })),
  });

const deleteVpnConnection: Run<"deleteVpnConnection"> = (ctx) =>
  deleteTagged(ctx, "vpn-connection", {
    states: ["pending", "available", "deleting"],
    find: async (Filters) =>
      (await ctx.ec2.send(new EC2.DescribeVpnConnectionsCommand({ Filters }))).VpnConnections,
    idOf: (connection) => connection.VpnConnectionId,
    remove: (id) => ctx.ec2.send(new EC2.DeleteVpnConnectionCommand({ VpnConnectionId: id })),
    awaitDeleted: {
      what: "VPN connection",
      read: async (VpnConnectionIds) =>
        (await ctx.ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds }))).VpnConnections,
    },
  });

const deleteCustomerGateway: Run<"deleteCustomerGateway"> = (ctx) =>
  deleteTagged(ctx, "customer-gateway", {
    states: ["pending", "available"],
    find: async (Filters) =>
      (await ctx.ec2.send(new EC2.DescribeCustomerGatewaysCommand({ Filters }))).CustomerGateways,
    idOf: (gateway) => gateway.CustomerGatewayId,
    remove: (id) => ctx.ec2.send(new EC2.DeleteCustomerGatewayCommand({ CustomerGatewayId: id })),
  });

const deleteVpnGateway: Run<"deleteVpnGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  // `deleting` ones too: a retry waits for what an earlier run already deleted.
  const live = [{ Name: "state", Values: ["pending", "available", "deleting"] }];
  const found = await ec2.send(
    new EC2.DescribeVpnGatewaysCommand({ Filters: byTags(request.id, "vpn-gateway", live) }),
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
          ec2.send(new EC2.DetachVpnGatewayCommand({ VpnGatewayId: id, VpcId: attachment.VpcId })),
        );
      }
    }
    await ctx.waiting("Waiting for the virtual private gateway to detach");
    await waitForStep(ctx, "the virtual private gateway to detach", async () => {
      const described = await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: [id] }));
      const attachments = described.VpnGateways?.[0]?.VpcAttachments ?? [];
      return attachments.every((attachment) => attachment.State === "detached") ? true : undefined;
    });
    await ignoringNotFound(() => ec2.send(new EC2.DeleteVpnGatewayCommand({ VpnGatewayId: id })));
  }
  if (deleted.length > 0) {
    // A virtual private gateway is `deleting` for a while before it is `deleted`.
    await untilDeleted(
      ctx,
      "virtual private gateway",
      async () =>
        (await ec2.send(new EC2.DescribeVpnGatewaysCommand({ VpnGatewayIds: deleted }))).VpnGateways,
    );
  }
  return { deleted };
};

/**
 * The last steps, which AWS may refuse while something still depends on the resource: for each of
 * `resources` (the request's tags, in turn) every one found is readied (`prepare`: detached,
 * disassociated), then deleted through `removing`; the step's output is the IDs deleted.
 */
async function removeTagged<T>(
  ctx: StepContext<unknown>,
  what: string,
  resources: readonly PortalResource[],
  steps: {
    find: (Filters: EC2.Filter[]) => Promise<T[] | undefined>;
    idOf: (found: T) => string | undefined;
    prepare?: (id: string, found: T) => Promise<void>;
    remove: (id: string) => Promise<unknown>;
  },
) {
  const deleted: string[] = [];
  for (const resource of resources) {
    for (const found of (await steps.find(byTags(ctx.request.id, resource))) ?? []) {
      const id = steps.idOf(found);
      if (!id) continue;
      await steps.prepare?.(id, found);
      await removing(ctx, what, () => steps.remove(id));
      deleted.push(id);
    }
  }
  return { deleted };
}

const deleteRouteTables: Run<"deleteRouteTables"> = (ctx) =>
  removeTagged(ctx, "route table", ["private-route-table", "public-route-table"], {
    find: async (Filters) =>
      (await ctx.ec2.send(new EC2.DescribeRouteTablesCommand({ Filters }))).RouteTables,
    idOf: (table) => table.RouteTableId,
    prepare: async (_id, table) => {
      for (const association of table.Associations ?? []) {
        if (association.Main || !association.RouteTableAssociationId) continue;
        const associationId = association.RouteTableAssociationId;
        await ignoringNotFound(() =>
          ctx.ec2.send(new EC2.DisassociateRouteTableCommand({ AssociationId: associationId })),
        );
      }
    },
    remove: (id) => ctx.ec2.send(new EC2.DeleteRouteTableCommand({ RouteTableId: id })),
  });

const deleteInternetGateway: Run<"deleteInternetGateway"> = (ctx) =>
  removeTagged(ctx, "internet gateway", ["internet-gateway"], {
    find: async (Filters) =>
      (await ctx.ec2.send(new EC2.DescribeInternetGatewaysCommand({ Filters }))).InternetGateways,
    idOf: (gateway) => gateway.InternetGatewayId,
    prepare: async (id, gateway) => {
      for (const attachment of gateway.Attachments ?? []) {
        await removing(ctx, "internet gateway", () =>
          ctx.ec2.send(
            new EC2.DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: attachment.VpcId }),
          ),
        );
      }
    },
    remove: (id) => ctx.ec2.send(new EC2.DeleteInternetGatewayCommand({ InternetGatewayId: id })),
  });

const deleteSubnets: Run<"deleteSubnets"> = (ctx) =>
  removeTagged(ctx, "subnet", ["private-subnet", "public-subnet"], {
    find: async (Filters) => (await ctx.ec2.send(new EC2.DescribeSubnetsCommand({ Filters }))).Subnets,
    idOf: (subnet) => subnet.SubnetId,
    remove: (id) => ctx.ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: id })),
  });

const deleteVpc: Run<"deleteVpc"> = (ctx) =>
  removeTagged(ctx, "VPC", ["vpc"], {
    find: async (Filters) => (await ctx.ec2.send(new EC2.DescribeVpcsCommand({ Filters }))).Vpcs,
    idOf: (vpc) => vpc.VpcId,
    remove: (id) => ctx.ec2.send(new EC2.DeleteVpcCommand({ VpcId: id })),
  });

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
