// The project's EC2 emulator for integration tests: started in the test process on a free port
// and reached only over HTTP by the real SDK (through the app's own EC2 client module).
import { startEmulator } from "@/emulator/server";

export type Inventory = {
  region: string;
  type: string;
  id: string;
  state: string;
  tags: Record<string, string>;
}[];

export const FAST_EMULATOR_DELAYS = {
  vpnAvailableMs: 300,
  vpnDeletedMs: 150,
  vpnModifyMs: 50,
  natAvailableMs: 200,
  natDeletedMs: 150,
  vgwAttachMs: 100,
  vgwDetachMs: 100,
};

export async function startEmulatorForApp(config: Record<string, unknown> = {}) {
  const emulator = await startEmulator({
    port: 0,
    host: "127.0.0.1",
    config: { delays: FAST_EMULATOR_DELAYS, quotas: { vpnGateways: 50 }, ...config },
  });
  // The app's env module reads this on first use; tests never point it anywhere but here.
  process.env.AWS_ENDPOINT_URL_EC2 = emulator.url;
  process.env.WORKFLOW_POLL_INTERVAL_MS ??= "50";
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
