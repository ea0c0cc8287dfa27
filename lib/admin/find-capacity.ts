import "server-only";
import { type CapacityRow, capacityRows } from "@/lib/admin/capacity";
import { getPlatformSettings } from "@/lib/admin/platform-settings";
import { db } from "@/lib/db";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/vpn-request/lifecycle";

/** Until the account pool exists, every request lives in the one configured AWS account. */
export const SINGLE_ACCOUNT_LABEL = "Configured account";

/** Usage per account × region from the portal's own records (DESIGN §12). */
export async function findCapacity(): Promise<CapacityRow[]> {
  const [settings, groups] = await Promise.all([
    getPlatformSettings(),
    db.vpnRequest.groupBy({
      by: ["region"],
      where: { status: { in: [...CAPACITY_HOLDING_STATUSES] } },
      _count: { _all: true },
    }),
  ]);
  return capacityRows({
    account: SINGLE_ACCOUNT_LABEL,
    regions: settings.supportedRegions,
    requestsByRegion: new Map(groups.map((group) => [group.region, group._count._all])),
  });
}
