// EC2 clients for the worker: the real SDK against AWS (standard credential chain) or, when
// AWS_ENDPOINT_URL_EC2 is set, against that endpoint (the project's emulator) — same code path.
import { Agent } from "node:http";
import { EC2Client } from "@aws-sdk/client-ec2";
import { isThrottlingError } from "@/lib/aws/aws-errors";
import { ec2BucketOf, sendPaced } from "@/lib/aws/ec2-pacer";
import { untilVisible } from "@/lib/aws/eventual-consistency";
import { EMULATOR_CREDENTIALS, type PoolAccount, poolCredentials } from "@/lib/aws/pool-credentials";
import { withRetries } from "@/lib/aws/with-retries";
import { getEnv } from "@/lib/env";

/**
 * Calls that create something are never repeated blindly (a lost reply may hide a resource that
 * exists): their step is retried instead, and it looks the resource up by tag first. Every other
 * call — describes, attaches, deletes — is retried right here on throttling and 5xx.
 */
const CREATES = /^(Create|Allocate|Run|Request|Import|Copy)/;

const clients = new Map<string, EC2Client>();

/** What the pacing middleware tells the NotFound-is-not-yet middleware about one call. */
type PacedContext = { portalPace?: { waitedMs: number } };

export type Ec2ClientOptions = {
  /**
   * For provisioning: every resource a call names was created by the portal, so NotFound means
   * "not yet" (eventual consistency) and the call is tried again for AWS_CONSISTENCY_WINDOW_MS.
   * A create that answered NotFound created nothing, so repeating it is safe.
   */
  notFoundIsNotYet?: boolean;
};

/**
 * The client for one account of the pool (its assumed role, decision 024) and region; `account`
 * null is the worker's own credentials (requests placed before the pool existed, or no pool).
 */
export function ec2For(
  region: string,
  account: PoolAccount | null,
  options: Ec2ClientOptions = {},
): EC2Client {
  const key = `${account?.id ?? "-"}:${account?.roleArn ?? ""}:${region}${options.notFoundIsNotYet ? "+settling" : ""}`;
  const existing = clients.get(key);
  if (existing) return existing;
  const {
    AWS_ENDPOINT_URL_EC2: endpoint,
    REQUIRE_LOCAL_AWS_ENDPOINT,
    AWS_CONSISTENCY_WINDOW_MS,
    EC2_BUCKET_SHARE,
    EC2_THROTTLE_RETRY_BUDGET_MS,
  } = getEnv();
  if (REQUIRE_LOCAL_AWS_ENDPOINT && !isLocalEndpoint(endpoint)) {
    throw new Error(
      `Refusing to talk to ${endpoint ?? "real AWS"}: tests only run against a local EC2 endpoint (the project's emulator).`,
    );
  }
  const client = new EC2Client({
    region,
    // Retries are ours (lib/aws/with-retries.ts): a whole step is retried, never a bare create.
    maxAttempts: 1,
    // The emulator (plain HTTP on this machine) closes idle connections after 5 s, and paced calls
    // leave sockets idle that long: a reused one could meet "socket hang up" on a create, which is
    // never sent twice. A fresh local connection per call costs nothing; AWS keeps them alive.
    ...(endpoint
      ? {
          endpoint,
          credentials: EMULATOR_CREDENTIALS,
          requestHandler: { httpAgent: new Agent({ keepAlive: false }) },
        }
      : {}),
    ...(account ? { credentials: poolCredentials(account, region) } : {}),
  });
  client.middlewareStack.add(
    (next, context) => (args) =>
      CREATES.test(context.commandName ?? "") ? next(args) : withRetries(() => next(args)),
    { step: "initialize", name: "portalRetrySafeCalls" },
  );
  // Innermost: every attempt (each retry above too) waits for a token of AWS's bucket for its
  // action in this account and region, shared by every client of the process (lib/aws/ec2-pacer.ts).
  const accountKey = account?.id ?? "-";
  client.middlewareStack.add(
    (next, context) => (args) =>
      sendPaced(
        ec2BucketOf(accountKey, region, context.commandName?.replace(/Command$/, "") ?? "", EC2_BUCKET_SHARE),
        () => next(args),
        isThrottlingError,
        {
          budgetMs: EC2_THROTTLE_RETRY_BUDGET_MS,
          onWaited: (ms) => {
            const pace = (context as PacedContext).portalPace;
            if (pace) pace.waitedMs += ms;
          },
        },
      ),
    { step: "initialize", name: "portalPaceCalls", priority: "low" },
  );
  if (options.notFoundIsNotYet) {
    client.middlewareStack.add(
      (next, context) => (args) => {
        // The window is AWS's time to become consistent: time spent queued for the rate limit
        // (200 requests at once) does not use it up.
        const pace = { waitedMs: 0 };
        (context as PacedContext).portalPace = pace;
        return untilVisible(() => next(args), {
          windowMs: AWS_CONSISTENCY_WINDOW_MS,
          now: () => Date.now() - pace.waitedMs,
        });
      },
      { step: "initialize", name: "portalNotFoundIsNotYet", priority: "high" },
    );
  }
  clients.set(key, client);
  return client;
}

/** True when the configured endpoint is this machine (tests refuse anything else). */
export function isLocalEndpoint(url: string | undefined): boolean {
  if (!url) return false;
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "::1" || host === "[::1]";
}
