// DESIGN §4 undone in reverse (names, labels and output types: DECOMMISSION_CATALOGUE). Every step finds the request's resources by tag (so it also
// removes what a half-finished provisioning left) and treats "already gone" as done.
import * as EC2 from "@aws-sdk/client-ec2";
import { awsErrorCode } from "@/lib/aws/aws-errors";
import { untilReleased } from "@/lib/aws/eventual-consistency";
import { byTags, waitForStep } from "@/lib/provisioning/aws-resources";
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

/** The IDs of what a Describe returned (an entry without one is skipped). */
function idsOf<T>(items: T[] | undefined, id: (item: T) => string | undefined): string[] {
  return (items ?? []).flatMap((item) => {
    const value = id(item);
    return value ? [value] : [];
  });
}

/** Deletes each of `ids`; one that is already gone counts as deleted. */
async function deleteEach(ids: readonly string[], remove: (id: string) => Promise<unknown>) {
  for (const id of ids) await ignoringNotFound(() => remove(id));
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

const deleteNatGateway: Run<"deleteNatGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  const live = [{ Name: "state", Values: ["pending", "available", "deleting", "failed"] }];
  const found = await ec2.send(
    new EC2.DescribeNatGatewaysCommand({ Filter: byTags(request.id, "nat-gateway", live) }),
  );
  const ids = idsOf(found.NatGateways, (gateway) => gateway.NatGatewayId);
  await deleteEach(ids, (id) => ec2.send(new EC2.DeleteNatGatewayCommand({ NatGatewayId: id })));
  if (ids.length > 0) {
    await untilDeleted(
      ctx,
      "NAT gateway",
      async () => (await ec2.send(new EC2.DescribeNatGatewaysCommand({ NatGatewayIds: ids }))).NatGateways,
    );
  }
  return { deleted: ids };
};

const releaseElasticIp: Run<"releaseElasticIp"> = async ({ ec2, request }) => {
  const found = await ec2.send(
    new EC2.DescribeAddressesCommand({ Filters: byTags(request.id, "elastic-ip") }),
  );
  const ids = idsOf(found.Addresses, (address) => address.AllocationId);
  await deleteEach(ids, (id) => ec2.send(new EC2.ReleaseAddressCommand({ AllocationId: id })));
  return { deleted: ids };
};

const deleteVpnConnection: Run<"deleteVpnConnection"> = async (ctx) => {
  const { ec2, request } = ctx;
  const live = [{ Name: "state", Values: ["pending", "available", "deleting"] }];
  const found = await ec2.send(
    new EC2.DescribeVpnConnectionsCommand({ Filters: byTags(request.id, "vpn-connection", live) }),
  );
  const ids = idsOf(found.VpnConnections, (connection) => connection.VpnConnectionId);
  await deleteEach(ids, (id) => ec2.send(new EC2.DeleteVpnConnectionCommand({ VpnConnectionId: id })));
  if (ids.length > 0) {
    await untilDeleted(
      ctx,
      "VPN connection",
      async () =>
        (await ec2.send(new EC2.DescribeVpnConnectionsCommand({ VpnConnectionIds: ids }))).VpnConnections,
    );
  }
  return { deleted: ids };
};

const deleteCustomerGateway: Run<"deleteCustomerGateway"> = async ({ ec2, request }) => {
  const live = [{ Name: "state", Values: ["pending", "available"] }];
  const found = await ec2.send(
    new EC2.DescribeCustomerGatewaysCommand({ Filters: byTags(request.id, "customer-gateway", live) }),
  );
  const ids = idsOf(found.CustomerGateways, (gateway) => gateway.CustomerGatewayId);
  await deleteEach(ids, (id) => ec2.send(new EC2.DeleteCustomerGatewayCommand({ CustomerGatewayId: id })));
  return { deleted: ids };
};

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

const deleteRouteTables: Run<"deleteRouteTables"> = async (ctx) => {
  const { ec2, request } = ctx;
  const deleted: string[] = [];
  for (const resource of ["private-route-table", "public-route-table"] as const) {
    const found = await ec2.send(
      new EC2.DescribeRouteTablesCommand({ Filters: byTags(request.id, resource) }),
    );
    for (const table of found.RouteTables ?? []) {
      for (const association of table.Associations ?? []) {
        if (association.Main || !association.RouteTableAssociationId) continue;
        const associationId = association.RouteTableAssociationId;
        await ignoringNotFound(() =>
          ec2.send(new EC2.DisassociateRouteTableCommand({ AssociationId: associationId })),
        );
      }
      if (table.RouteTableId) {
        const id = table.RouteTableId;
        await removing(ctx, "route table", () =>
          ec2.send(new EC2.DeleteRouteTableCommand({ RouteTableId: id })),
        );
        deleted.push(id);
      }
    }
  }
  return { deleted };
};

const deleteInternetGateway: Run<"deleteInternetGateway"> = async (ctx) => {
  const { ec2, request } = ctx;
  const found = await ec2.send(
    new EC2.DescribeInternetGatewaysCommand({ Filters: byTags(request.id, "internet-gateway") }),
  );
  const deleted: string[] = [];
  for (const gateway of found.InternetGateways ?? []) {
    const id = gateway.InternetGatewayId;
    if (!id) continue;
    for (const attachment of gateway.Attachments ?? []) {
      await removing(ctx, "internet gateway", () =>
        ec2.send(new EC2.DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: attachment.VpcId })),
      );
    }
    await removing(ctx, "internet gateway", () =>
      ec2.send(new EC2.DeleteInternetGatewayCommand({ InternetGatewayId: id })),
    );
    deleted.push(id);
  }
  return { deleted };
};

const deleteSubnets: Run<"deleteSubnets"> = async (ctx) => {
  const { ec2, request } = ctx;
  const deleted: string[] = [];
  for (const resource of ["private-subnet", "public-subnet"] as const) {
    const found = await ec2.send(new EC2.DescribeSubnetsCommand({ Filters: byTags(request.id, resource) }));
    const ids = idsOf(found.Subnets, (subnet) => subnet.SubnetId);
    for (const id of ids)
      await removing(ctx, "subnet", () => ec2.send(new EC2.DeleteSubnetCommand({ SubnetId: id })));
    deleted.push(...ids);
  }
  return { deleted };
};

const deleteVpc: Run<"deleteVpc"> = async (ctx) => {
  const { ec2, request } = ctx;
  const found = await ec2.send(new EC2.DescribeVpcsCommand({ Filters: byTags(request.id, "vpc") }));
  const deleted = idsOf(found.Vpcs, (vpc) => vpc.VpcId);
  for (const id of deleted)
    await removing(ctx, "VPC", () => ec2.send(new EC2.DeleteVpcCommand({ VpcId: id })));
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
