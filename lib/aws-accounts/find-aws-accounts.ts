import "server-only";
import { db } from "@/lib/db";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/vpn-request/lifecycle";

/** The pool for the admin page: each account (never its external ID) and the requests holding resources in it. */
export async function findAwsAccounts() {
  const [accounts, holding] = await Promise.all([
    db.awsAccount.findMany({
      orderBy: { name: "asc" },
      select: { id: true, name: true, roleArn: true, regions: true, enabled: true },
    }),
    db.vpnRequest.groupBy({
      by: ["awsAccountId"],
      where: { awsAccountId: { not: null }, status: { in: [...CAPACITY_HOLDING_STATUSES] } },
      _count: { _all: true },
    }),
  ]);
  const counts = new Map(holding.map((group) => [group.awsAccountId, group._count._all]));
  return accounts.map((account) => ({ ...account, requests: counts.get(account.id) ?? 0 }));
}
