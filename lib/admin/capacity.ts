// Capacity against AWS quotas, per account and region (DESIGN §12), from the portal's own records.
// Pure. One row per account of the pool and region (decision 024); the page shows AWS's published
// defaults, while placement (lib/aws-accounts/) reads each account's quotas with Service Quotas.

export const CAPACITY_RESOURCES = ["VPC", "VGW", "EIP", "NAT", "VPN"] as const;
export type CapacityResource = (typeof CAPACITY_RESOURCES)[number];

export const CAPACITY_RESOURCE_LABELS: Record<CapacityResource, string> = {
  VPC: "VPCs",
  VGW: "Virtual private gateways",
  EIP: "Elastic IPs",
  NAT: "NAT gateways",
  VPN: "VPN connections",
};

/** AWS's default per-region quotas (NAT: per AZ; a request uses one NAT gateway in one AZ). */
export const AWS_DEFAULT_QUOTAS: Readonly<Record<CapacityResource, number>> = {
  VPC: 5,
  VGW: 5,
  EIP: 5,
  NAT: 5,
  VPN: 50,
};

/** What one request uses (DESIGN §4): one of each. */
const PER_REQUEST: Readonly<Record<CapacityResource, number>> = { VPC: 1, VGW: 1, EIP: 1, NAT: 1, VPN: 1 };

/** From this share of a quota on, the row warns. */
export const CAPACITY_WARNING_RATIO = 0.8;

export type CapacityCell = { used: number; quota: number; warning: boolean };
export type CapacityRow = {
  account: string;
  region: string;
  resources: Record<CapacityResource, CapacityCell>;
  /** The resources at or above the warning ratio, tightest first. */
  warnings: CapacityResource[];
};

export function capacityRows(input: {
  account: string;
  regions: readonly string[];
  /** Requests holding AWS resources, per region. */
  requestsByRegion: ReadonlyMap<string, number>;
  quotas?: Readonly<Record<CapacityResource, number>>;
}): CapacityRow[] {
  const quotas = input.quotas ?? AWS_DEFAULT_QUOTAS;
  const regions = [...new Set([...input.regions, ...input.requestsByRegion.keys()])].sort();
  return regions.map((region) => {
    const requests = input.requestsByRegion.get(region) ?? 0;
    const resources = Object.fromEntries(
      CAPACITY_RESOURCES.map((resource) => {
        const used = requests * PER_REQUEST[resource];
        const quota = quotas[resource];
        return [resource, { used, quota, warning: used >= quota * CAPACITY_WARNING_RATIO }];
      }),
    ) as Record<CapacityResource, CapacityCell>;
    const warnings = CAPACITY_RESOURCES.filter((resource) => resources[resource].warning).sort(
      (a, b) => resources[b].used / resources[b].quota - resources[a].used / resources[a].quota,
    );
    return { account: input.account, region, resources, warnings };
  });
}
