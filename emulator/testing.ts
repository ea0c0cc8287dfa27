import { CreateCustomerGatewayCommand, CreateVpnGatewayCommand, EC2Client } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll } from "vitest";
import { FAST_DELAYS } from "./config";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "./server";

/** Helpers for the emulator's own integration tests: a started emulator and the real SDK client. */
export { FAST_DELAYS };

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ port: 0, config: { delays: FAST_DELAYS }, ...options });
}

/** An emulator of the test file's own: started before its tests, closed after them; its URL once started. */
export function testEmulatorForFile(options: EmulatorOptions = {}): { readonly url: string } {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startTestEmulator(options);
  });
  afterAll(() => running?.close());
  return {
    get url() {
      if (!running) throw new Error("the test emulator starts in beforeAll: read its URL inside a test");
      return running.url;
    },
  };
}

/** `accessKeyId` picks the caller: keys with an IAM policy in the config are evaluated against it. */
export function clientFor(
  url: string,
  region = "eu-west-1",
  maxAttempts = 1,
  accessKeyId = "test",
): EC2Client {
  return new EC2Client({
    endpoint: url,
    region,
    credentials: { accessKeyId, secretAccessKey: "test" },
    maxAttempts,
  });
}

/**
 * A fresh virtual private gateway (with `vgwAsn` as its Amazon-side ASN, when given) and a customer
 * gateway at `ipAddress`: the IDs a CreateVpnConnection joins.
 */
export async function createGatewayPair(
  ec2: EC2Client,
  ipAddress: string,
  { vgwAsn, cgwAsn = 65010 }: { vgwAsn?: number; cgwAsn?: number } = {},
) {
  const vgw = await ec2.send(
    new CreateVpnGatewayCommand({
      Type: "ipsec.1",
      ...(vgwAsn === undefined ? {} : { AmazonSideAsn: vgwAsn }),
    }),
  );
  const cgw = await ec2.send(
    new CreateCustomerGatewayCommand({ Type: "ipsec.1", IpAddress: ipAddress, BgpAsn: cgwAsn }),
  );
  return {
    VpnGatewayId: vgw.VpnGateway?.VpnGatewayId ?? "",
    CustomerGatewayId: cgw.CustomerGateway?.CustomerGatewayId ?? "",
  };
}

export async function admin<T = unknown>(url: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/_emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type InventoryResponse = {
  resources: {
    region: string;
    accountId: string;
    type: string;
    id: string;
    state: string;
    tags: Record<string, string>;
  }[];
};

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 5000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The rejection of a promise, for asserting on the SDK's typed exceptions. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  throw new Error("expected the call to fail, but it succeeded");
}
