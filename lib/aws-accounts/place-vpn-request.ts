import "server-only";
// Quota-aware placement (DESIGN §12, decision 024): before provisioning builds anything, the
// request is placed in an enabled account of the pool that serves its region and has room for one
// VPC, VGW, Elastic IP, NAT gateway and VPN connection. Usage is the portal's own records (requests
// placed there that hold or will hold resources) plus what AWS shows that is not the portal's (the
// default VPC, anything made by hand), read with one describe per resource type.
import {
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeVpcsCommand,
  DescribeVpnConnectionsCommand,
  DescribeVpnGatewaysCommand,
  type Tag,
} from "@aws-sdk/client-ec2";
import type { CapacityResource } from "@/lib/admin/capacity";
import { ec2For } from "@/lib/aws/ec2-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import { type AccountCapacity, chooseAccount, type Placement } from "@/lib/aws-accounts/choose-account";
import { readAccountQuotas } from "@/lib/aws-accounts/read-account-quotas";
import { db } from "@/lib/db";
import { TAG_REQUEST_ID } from "@/lib/provisioning/aws-resources";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/vpn-request/lifecycle";

const notPortal = (tags: Tag[] | undefined) => !(tags ?? []).some((tag) => tag.Key === TAG_REQUEST_ID);

/** What AWS holds in the account and region that no request of the portal made. */
async function foreignUsage(account: PoolAccount, region: string): Promise<Record<CapacityResource, number>> {
  const ec2 = ec2For(region, account);
  const [vpcs, addresses, nats, vgws, vpns] = await Promise.all([
    ec2.send(new DescribeVpcsCommand({})),
    ec2.send(new DescribeAddressesCommand({})),
    ec2.send(
      new DescribeNatGatewaysCommand({
        Filter: [{ Name: "state", Values: ["pending", "available", "deleting"] }],
      }),
    ),
    ec2.send(
      new DescribeVpnGatewaysCommand({ Filters: [{ Name: "state", Values: ["pending", "available"] }] }),
    ),
    ec2.send(
      new DescribeVpnConnectionsCommand({ Filters: [{ Name: "state", Values: ["pending", "available"] }] }),
    ),
  ]);
  return {
    VPC: (vpcs.Vpcs ?? []).filter((v) => notPortal(v.Tags)).length,
    EIP: (addresses.Addresses ?? []).filter((a) => notPortal(a.Tags)).length,
    NAT: (nats.NatGateways ?? []).filter((n) => notPortal(n.Tags)).length,
    VGW: (vgws.VpnGateways ?? []).filter((g) => notPortal(g.Tags)).length,
    VPN: (vpns.VpnConnections ?? []).filter((c) => notPortal(c.Tags)).length,
  };
}

export type PlacementResult = { placed: true; account: PoolAccount } | { placed: false; reason: string };

/**
 * Places the request, or records why it waits. A request already placed keeps its account (its
 * resources are there). Placements of one region are serialized by an advisory lock, so two
 * workers never give the last slot of an account to two requests.
 */
export async function placeVpnRequest(requestId: string): Promise<PlacementResult> {
  const request = await db.vpnRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { region: true, awsAccount: { select: { id: true, roleArn: true, externalId: true } } },
  });
  if (request.awsAccount) return { placed: true, account: request.awsAccount };
  const { region } = request;
  const accounts = await db.awsAccount.findMany({
    where: { enabled: true, regions: { has: region } },
    select: { id: true, name: true, roleArn: true, externalId: true },
    orderBy: { name: "asc" },
  });
  // AWS's side first, outside the lock: quotas and foreign resources do not move with placements.
  const aws = await Promise.all(
    accounts.map(async (account) => ({
      account,
      quotas: await readAccountQuotas(account, region),
      foreign: await foreignUsage(account, region),
    })),
  );
  const placement: Placement = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`vpn-placement:${region}`}))`;
    const groups = await tx.vpnRequest.groupBy({
      by: ["awsAccountId"],
      where: {
        region,
        id: { not: requestId },
        awsAccountId: { in: accounts.map((account) => account.id) },
        status: { in: [...CAPACITY_HOLDING_STATUSES] },
      },
      _count: { _all: true },
    });
    const placed = new Map(groups.map((group) => [group.awsAccountId, group._count._all]));
    const capacities: AccountCapacity[] = aws.map(({ account, quotas, foreign }) => {
      const ours = placed.get(account.id) ?? 0;
      return {
        accountId: account.id,
        name: account.name,
        quotas,
        used: {
          VPC: ours + foreign.VPC,
          VGW: ours + foreign.VGW,
          EIP: ours + foreign.EIP,
          NAT: ours + foreign.NAT,
          VPN: ours + foreign.VPN,
        },
      };
    });
    const choice = chooseAccount(region, capacities);
    if (choice.placed)
      await tx.vpnRequest.update({
        where: { id: requestId },
        data: { awsAccountId: choice.accountId, capacityWaitReason: null, capacityWaitingSince: null },
      });
    return choice;
  });
  if (placement.placed) {
    const account = accounts.find((candidate) => candidate.id === placement.accountId) as PoolAccount;
    return {
      placed: true,
      account: { id: account.id, roleArn: account.roleArn, externalId: account.externalId },
    };
  }
  const waiting = await db.vpnRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { capacityWaitingSince: true },
  });
  await db.vpnRequest.update({
    where: { id: requestId },
    data: {
      capacityWaitReason: placement.reason,
      capacityWaitingSince: waiting.capacityWaitingSince ?? new Date(),
    },
  });
  return placement;
}

/** True when the pool has any account at all: without one, requests use the worker's own credentials. */
export async function hasAccountPool(): Promise<boolean> {
  return (await db.awsAccount.count()) > 0;
}
