// CloudWatch Logs clients for the worker (tunnel logs, DESIGN §10): the real SDK against AWS or,
// when AWS_ENDPOINT_URL_EC2 is set, against that same endpoint — the emulator serves every service
// on one endpoint and tells CloudWatch Logs calls apart by their X-Amz-Target.
import "server-only";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { isLocalEndpoint } from "@/lib/aws/ec2-client";
import { EMULATOR_CREDENTIALS, type PoolAccount, poolCredentials } from "@/lib/aws/pool-credentials";
import { withRetries } from "@/lib/aws/with-retries";
import { getEnv } from "@/lib/env";

const clients = new Map<string, CloudWatchLogsClient>();

/** The client for one account of the pool and region (null: the worker's own credentials), as ec2For. */
export function logsFor(region: string, account: PoolAccount | null): CloudWatchLogsClient {
  const key = `${account?.id ?? "-"}:${account?.roleArn ?? ""}:${region}`;
  const existing = clients.get(key);
  if (existing) return existing;
  const { AWS_ENDPOINT_URL_EC2: endpoint, REQUIRE_LOCAL_AWS_ENDPOINT } = getEnv();
  if (REQUIRE_LOCAL_AWS_ENDPOINT && !isLocalEndpoint(endpoint)) {
    throw new Error(
      `Refusing to talk to ${endpoint ?? "real AWS"}: tests only run against a local endpoint (the project's emulator).`,
    );
  }
  const client = new CloudWatchLogsClient({
    region,
    maxAttempts: 1,
    ...(endpoint ? { endpoint, credentials: EMULATOR_CREDENTIALS } : {}),
    ...(account ? { credentials: poolCredentials(account, region) } : {}),
  });
  // Every call the portal makes to CloudWatch Logs is safe to repeat (a create that exists is
  // ResourceAlreadyExistsException, handled by the caller).
  client.middlewareStack.add((next) => (args) => withRetries(() => next(args)), {
    step: "initialize",
    name: "portalRetrySafeCalls",
  });
  clients.set(key, client);
  return client;
}
