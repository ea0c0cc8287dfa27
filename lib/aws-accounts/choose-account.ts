// Quota-aware placement (DESIGN §12, decision 024), the pure part: which account of the pool has
// room in the region for one more request — one VPC, VGW, Elastic IP, NAT gateway and VPN
// connection. No I/O; place-vpn-request.ts gathers the quotas and usage.
import { CAPACITY_RESOURCE_LABELS, CAPACITY_RESOURCES, type CapacityResource } from "@/lib/admin/capacity";

export type AccountCapacity = {
  accountId: string;
  name: string;
  /** The account's quotas in the region (Service Quotas, or AWS's defaults when it cannot answer). */
  quotas: Readonly<Record<CapacityResource, number>>;
  /** What is in use or promised: the portal's requests placed there plus what AWS holds that is not the portal's. */
  used: Readonly<Record<CapacityResource, number>>;
};

export type Placement = { placed: true; accountId: string } | { placed: false; reason: string };

/** The first resource an account has no room for, or null when one more request fits. */
export function fullResource(account: AccountCapacity): CapacityResource | null {
  return CAPACITY_RESOURCES.find((resource) => account.used[resource] + 1 > account.quotas[resource]) ?? null;
}

/**
 * The account with the most room for the tightest resource (so requests spread and no account is
 * run to its last slot while another is empty); ties go to the name. Waits, with the reason, when
 * no account has room.
 */
export function chooseAccount(region: string, accounts: readonly AccountCapacity[]): Placement {
  if (accounts.length === 0)
    return { placed: false, reason: `No enabled AWS account of the pool serves ${region}.` };
  const fitting = accounts.filter((account) => fullResource(account) === null);
  if (fitting.length === 0) {
    const why = accounts
      .map((account) => {
        const resource = fullResource(account) as CapacityResource;
        return `${account.name}: ${CAPACITY_RESOURCE_LABELS[resource]} ${account.used[resource]}/${account.quotas[resource]}`;
      })
      .join("; ");
    return {
      placed: false,
      reason: `Waiting for capacity in ${region}: every account of the pool is full (${why}).`,
    };
  }
  const room = (account: AccountCapacity) =>
    Math.min(...CAPACITY_RESOURCES.map((resource) => account.quotas[resource] - account.used[resource]));
  const [best] = [...fitting].sort((a, b) => room(b) - room(a) || a.name.localeCompare(b.name));
  return { placed: true, accountId: (best as AccountCapacity).accountId };
}
