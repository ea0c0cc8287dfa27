// The project's EC2 emulator for integration tests: started in the test process on a free port
// and reached only over HTTP by the real SDK (through the app's own EC2 client module).
import { readFileSync } from "node:fs";
import { startEmulator } from "@/emulator/server";

export type Inventory = {
  region: string;
  type: string;
  id: string;
  state: string;
  tags: Record<string, string>;
}[];

/** Every state AWS goes through, briefly (the realistic profile is the emulator's "realistic"). */
export const FAST_EMULATOR_DELAYS = {
  vpnAvailableMs: 300,
  vpnDeletedMs: 150,
  vpnRouteMs: 100,
  natAvailableMs: 200,
  natDeletedMs: 150,
  natInterfaceLingerMs: 300,
  vgwPendingMs: 100,
  vgwDeletingMs: 100,
  vgwAttachMs: 100,
  vgwDetachMs: 100,
};

/**
 * Quotas as an account that asked Service Quotas for more (suites run many requests in one
 * region); the 10 VPN connections per virtual private gateway are AWS's fixed limit and stay.
 * Tests of the defaults pass `quotas: AWS_DEFAULT_QUOTAS`.
 */
export const RAISED_QUOTAS = {
  vpcs: 100,
  internetGateways: 100,
  elasticIps: 100,
  natGatewaysPerAz: 100,
  vpnGateways: 100,
};

/** Eventual consistency in every integration suite: new resources lag 0–300 ms (acceptance runs use 0–3 s). */
export const TEST_CONSISTENCY = { minLagMs: 0, maxLagMs: 300 };

/**
 * AWS at its roughest that the acceptance of issue 16 names: new resources invisible for 0–3 s,
 * 10 % of calls throttled or 5xx, and some creates applied whose reply is lost.
 */
export const ROUGH_AWS = {
  consistency: { minLagMs: 0, maxLagMs: 3000 },
  faults: [
    { action: "Create*", kind: "5xx", rate: 0.05, phase: "after" },
    { action: "AllocateAddress", kind: "5xx", rate: 0.05, phase: "after" },
    { action: "*", kind: "throttle", rate: 0.05 },
    { action: "*", kind: "5xx", rate: 0.05 },
  ],
};

/** Counts what the requests own and what nobody owns, for the "0 duplicates, 0 orphans" line. */
export function duplicatesAndOrphans(inventory: Inventory, requestIds: readonly string[]) {
  const ours = new Set(requestIds);
  let duplicates = 0;
  for (const id of requestIds) {
    const counts = countByType(inventory.filter((resource) => resource.tags["portal:request-id"] === id));
    for (const [type, expected] of Object.entries(PROVISIONED_RESOURCES))
      duplicates += Math.max(0, (counts[type] ?? 0) - expected);
  }
  // A VPC's own main route table carries no tags and goes with the VPC.
  const orphans = inventory.filter(
    (resource) =>
      !ours.has(resource.tags["portal:request-id"] ?? "") &&
      !(resource.type === "route-table" && Object.keys(resource.tags).length === 0),
  );
  return { duplicates, orphans };
}

/** The access key the app's EC2 client signs with against the emulator (lib/aws/ec2-client.ts). */
const WORKER_ACCESS_KEY = "emulator";

/** The worker's IAM policy, evaluated on every call the app makes (docs/aws-iam-policy.json). */
export const workerPolicy = (): unknown =>
  JSON.parse(readFileSync(new URL("../../docs/aws-iam-policy.json", import.meta.url), "utf8"));

export async function startEmulatorForApp(config: Record<string, unknown> = {}) {
  const consistency = (config.consistency as typeof TEST_CONSISTENCY | undefined) ?? TEST_CONSISTENCY;
  const emulator = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    config: {
      delays: FAST_EMULATOR_DELAYS,
      quotas: RAISED_QUOTAS,
      consistency,
      iam: { policies: { [WORKER_ACCESS_KEY]: workerPolicy() } },
      ...config,
    },
  });
  // The app's env module reads this on first use; tests never point it anywhere but here.
  process.env.AWS_ENDPOINT_URL_EC2 = emulator.url;
  process.env.WORKFLOW_POLL_INTERVAL_MS ??= "50";
  // The worker allows for EC2's consistency lag a little longer than the emulator's longest.
  process.env.AWS_CONSISTENCY_WINDOW_MS ??= String(consistency.maxLagMs + 700);
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`emulator admin ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    url: emulator.url,
    close: emulator.close,
    admin,
    configure: (patch: unknown) => admin("config", patch),
    async inventory(requestId?: string): Promise<Inventory> {
      const query = requestId ? `?tag=${encodeURIComponent(`portal:request-id=${requestId}`)}` : "";
      return (await admin<{ resources: Inventory }>(`inventory${query}`)).resources;
    },
  };
}

export type TestEmulator = Awaited<ReturnType<typeof startEmulatorForApp>>;

/** How many of each resource type an inventory holds. */
export function countByType(inventory: Inventory): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of inventory) counts[resource.type] = (counts[resource.type] ?? 0) + 1;
  return counts;
}

/** What one fully provisioned request owns in AWS. */
export const PROVISIONED_RESOURCES = {
  vpc: 1,
  subnet: 2,
  "internet-gateway": 1,
  "elastic-ip": 1,
  natgateway: 1,
  "route-table": 2,
  "vpn-gateway": 1,
  "customer-gateway": 1,
  "vpn-connection": 1,
};
