import "server-only";
// An account's quotas in a region, read with Service Quotas (GetServiceQuota with AWS's quota
// codes) through the account's assumed role; AWS's published default where it cannot answer
// (e.g. a quota never changed in a new account answers NoSuchResource on some services).
import { GetServiceQuotaCommand, ServiceQuotasClient } from "@aws-sdk/client-service-quotas";
import { AWS_DEFAULT_QUOTAS, CAPACITY_RESOURCES, type CapacityResource } from "@/lib/admin/capacity";
import { localEndpoint, type PoolAccount, poolCredentials } from "@/lib/aws/pool-credentials";
import { getLogger } from "@/lib/log";

/** AWS's quota codes (service code, quota code) for what one request uses; the emulator answers the same. */
export const QUOTA_CODES: Readonly<Record<CapacityResource, { ServiceCode: string; QuotaCode: string }>> = {
  VPC: { ServiceCode: "vpc", QuotaCode: "L-F678F1CE" },
  VGW: { ServiceCode: "vpc", QuotaCode: "L-3E6EC3A3" },
  EIP: { ServiceCode: "ec2", QuotaCode: "L-0263D0A3" },
  NAT: { ServiceCode: "vpc", QuotaCode: "L-FE5A380F" },
  VPN: { ServiceCode: "vpc", QuotaCode: "L-B4B3A3F5" },
};

// Quotas change rarely (an increase request takes days): ten minutes of cache spares the API.
const TTL_MS = 10 * 60_000;
const cache = new Map<string, { at: number; quotas: Record<CapacityResource, number> }>();

export async function readAccountQuotas(
  account: PoolAccount,
  region: string,
): Promise<Record<CapacityResource, number>> {
  const key = `${account.id}:${region}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.quotas;
  const client = new ServiceQuotasClient({
    region,
    maxAttempts: 3,
    ...(localEndpoint() ? { endpoint: localEndpoint()?.endpoint } : {}),
    credentials: poolCredentials(account, region),
  });
  const entries = await Promise.all(
    CAPACITY_RESOURCES.map(async (resource) => {
      try {
        const { Quota } = await client.send(new GetServiceQuotaCommand(QUOTA_CODES[resource]));
        if (typeof Quota?.Value === "number") return [resource, Quota.Value] as const;
      } catch (error) {
        getLogger().warn(
          { err: error, accountId: account.id, region, resource },
          "Service Quotas did not answer; using AWS's default quota",
        );
      }
      return [resource, AWS_DEFAULT_QUOTAS[resource]] as const;
    }),
  );
  const quotas = Object.fromEntries(entries) as Record<CapacityResource, number>;
  cache.set(key, { at: Date.now(), quotas });
  return quotas;
}
