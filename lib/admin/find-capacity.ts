import "server-only";
import { type CapacityRow, capacityRows } from "@/lib/admin/capacity";
import { getPlatformSettings } from "@/lib/admin/platform-settings";
import { db } from "@/lib/db";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/vpn-request/lifecycle";

/** Requests that use the worker's own credentials (no pool, or placed before it) live here. */
export const SINGLE_ACCOUNT_LABEL = "Configured account";

/**
 * Usage per account × region from the portal's own records (DESIGN §12): one row per account of
 * the pool and region it serves (decision 024), and the worker's own account for its regions.
 */
export async function findCapacity(): Promise<CapacityRow[]> {
  const [settings, groups, accounts] = await Promise.all([
    getPlatformSettings(),
    db.vpnRequest.groupBy({
      by: ["awsAccountId", "region"],
      where: { status: { in: [...CAPACITY_HOLDING_STATUSES] } },
      _count: { _all: true },
    }),
    db.awsAccount.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, regions: true } }),
  ]);
  const usage = (accountId: string | null) =>
    new Map(
      groups
        .filter((group) => group.awsAccountId === accountId)
        .map((group) => [group.region, group._count._all]),
    );
  const own = usage(null);
  // With a pool, the worker's own account has rows only where requests still live in it.
  const ownRows =
    accounts.length === 0 || own.size > 0
      ? capacityRows({
          account: SINGLE_ACCOUNT_LABEL,
          regions: accounts.length === 0 ? settings.supportedRegions : [],
          requestsByRegion: own,
        })
      : [];
  const poolRows = accounts.flatMap((account) =>
    capacityRows({ account: account.name, regions: account.regions, requestsByRegion: usage(account.id) }),
  );
  return [...poolRows, ...ownRows];
}
