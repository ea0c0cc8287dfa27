// The one place that reads process.env. Validated once, at first use (instrumentation.ts calls it
// at server start), failing with the names of the bad variables and what they should hold.
import { z } from "zod";
import { DEFAULT_PLATFORM_ASN } from "@/lib/vpn/tunnel-policy";

const boolean = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/** A whole number of at least `min` (and at most `max`), from its text. */
const int = (min: number, max?: number) => {
  const value = z.coerce.number().int().min(min);
  return max === undefined ? value : value.max(max);
};

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({
      error: "DATABASE_URL is required: a postgresql:// URL (npm start sets it for the embedded server)",
    })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  AUTH_SECRET: z
    .string({ error: "AUTH_SECRET is required: 32+ random characters that sign session cookies" })
    .min(32, "AUTH_SECRET must be at least 32 characters"),
  /** Comma-separated AWS regions the platform offers VPNs in. */
  SUPPORTED_REGIONS: z
    .string()
    .default("us-west-2,eu-west-1,ap-southeast-2")
    .transform((value) =>
      value
        .split(",")
        .map((region) => region.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "not an AWS region code")).min(1)),
  /** Lab/demo deployments accept customer gateway IPs from the documentation ranges (RFC 5737). */
  ALLOW_DOCUMENTATION_IPS: boolean,
  /** Amazon-side ASN of the platform's virtual private gateways. */
  PLATFORM_ASN: int(1, 4294967294).default(DEFAULT_PLATFORM_ASN),
  /** Set by the test harnesses: refuse any EC2 endpoint that is not on this machine (never real AWS). */
  REQUIRE_LOCAL_AWS_ENDPOINT: boolean,
  /** EC2 endpoint override (the local emulator); unset means real AWS with the standard credential chain. */
  AWS_ENDPOINT_URL_EC2: z.url().optional(),
  /** Keyring for secrets at rest: "id:base64key,…", first is current (see lib/crypto/secret-box.ts). */
  SECRET_KEYS: z.string().optional(),
  /** JSON API calls one token may make per minute (issue 15); more get 429 with Retry-After. */
  API_CALLS_PER_MINUTE: int(1, 100_000).default(120),
  /** How often a workflow step polls AWS while it waits for a resource's state. */
  WORKFLOW_POLL_INTERVAL_MS: int(10).default(1000),
  /** How long a step waits for AWS (e.g. a VPN connection becoming available) before failing. */
  WORKFLOW_WAIT_TIMEOUT_MS: int(1000).default(15 * 60 * 1000),
  /**
   * EC2's eventual-consistency window as the worker allows for it: how long NotFound on a resource
   * it just created counts as "not yet", and how long a retried step repeats its tag lookup before
   * it creates anything that has no client token.
   */
  AWS_CONSISTENCY_WINDOW_MS: int(0).default(10_000),
  /**
   * The part of each of AWS's EC2 request buckets (per account, region and action) one worker
   * process paces its calls to (lib/aws/ec2-pacer.ts): 1 with one worker, 1/n with n workers.
   */
  EC2_BUCKET_SHARE: z.coerce.number().gt(0).max(1).default(1),
  /**
   * How long a call AWS answered RequestLimitExceeded keeps being tried again (jittered back-off)
   * before its step sees the error; throttled calls were not carried out, so creates repeat too.
   */
  EC2_THROTTLE_RETRY_BUDGET_MS: int(0).default(300_000),
  /** Workflows one worker process runs at once. */
  WORKER_CONCURRENCY: int(1, 50).default(4),
  /** How often a worker looks for workflows that no worker is running (crash recovery). */
  WORKER_SWEEP_INTERVAL_MS: int(100).default(3000),
  /** How often the tunnel poller reads VPN telemetry (one DescribeVpnConnections per batch per region). */
  TUNNEL_POLL_INTERVAL_MS: int(200).default(10_000),
  /** VPN connection IDs per DescribeVpnConnections call. */
  TUNNEL_POLL_BATCH_SIZE: int(1, 200).default(100),
  /** DescribeVpnConnections calls the poller keeps in flight at once, over all regions. */
  TUNNEL_POLL_CONCURRENCY: int(1, 64).default(8),
  /** The poller starts at most this many calls per second (EC2 refills non-mutating calls at 20/s). */
  TUNNEL_POLL_CALLS_PER_SECOND: z.coerce.number().min(0.1).max(1000).default(20),
  /** Calls the poller may start at once before the rate applies (EC2's bucket holds 100). */
  TUNNEL_POLL_CALL_BURST: int(1, 1000).default(40),
  /** How long the poller waits before reading a connection's AWS tunnel maintenance status again. */
  TUNNEL_MAINTENANCE_CHECK_MS: int(200).default(600_000),
  /** A flapping tunnel alerts at most once per this many seconds, summarising the window. */
  ALERT_WINDOW_SECONDS: int(1).default(300),
  /** SMTP server for alert email, e.g. smtp://user:pass@mail.example.com:587 (npm start: the local catcher). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  /** Sender of alert email. */
  ALERT_FROM: z.string().min(3).default("Site-to-Site VPN <vpn-alerts@localhost>"),
  /** Webhook or email attempts after the first before a delivery is marked FAILED. */
  ALERT_RETRY_LIMIT: int(0, 20).default(6),
  /** How long a webhook may take to answer before the attempt counts as failed ("timeout"). */
  ALERT_WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** Accept webhook URLs on loopback/private addresses (development and tests only: SSRF guard). */
  ALLOW_LOCAL_WEBHOOKS: boolean,
  /** Least severe log level written (pino): fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Sign-in throttling (issue 10): wrong passwords for one account before it is locked. */
  SIGNIN_MAX_FAILURES: int(1, 100).default(5),
  /** Failures older than this no longer count towards a lock. */
  SIGNIN_FAILURE_WINDOW_SECONDS: int(1).default(15 * 60),
  /** First lock of an account; each further lock within a day doubles it, up to the maximum. */
  SIGNIN_LOCK_SECONDS: int(1).default(60),
  SIGNIN_LOCK_MAX_SECONDS: int(1).default(24 * 60 * 60),
  /** Wrong passwords from one client address per hour, across accounts (password spraying). */
  SIGNIN_MAX_FAILURES_PER_ADDRESS: int(1).default(100),
  /** bcrypt comparisons one web process runs at once; more sign-ins wait, and past a queue are refused. */
  SIGNIN_HASH_CONCURRENCY: int(1, 16).default(2),
  /** A session unused for this long ends (the cookie is renewed on every request). */
  SESSION_IDLE_MINUTES: int(1).default(30),
  /** Longest session from sign-in: customers, then staff (shorter). */
  SESSION_MAX_HOURS: int(1).default(8),
  STAFF_SESSION_MAX_HOURS: int(1).default(2),
  /** Secure (__Secure-) session cookies; defaults to on when NODE_ENV is production. */
  AUTH_SECURE_COOKIES: z.enum(["true", "false", "1", "0"]).optional(),
  /** Requests an organization may have open (pending, being provisioned or live) at once. */
  MAX_OPEN_REQUESTS_PER_ORGANIZATION: int(1).default(20),
  /** "Send test alert" clicks per organization per hour. */
  TEST_ALERTS_PER_HOUR: int(1).default(5),
  /** Base URL of the portal as users reach it, for links in e-mail (invitations, alert address confirmation). */
  PUBLIC_URL: z.url().default("http://localhost:3000"),
  /** Serves the bare page and route of `npm run bench` (app/bench/); 404 when unset. Benchmark only. */
  BENCH_ROUTES: boolean,
  /**
   * Single sign-on over OpenID Connect (issue 15): the provider's issuer URL, and the portal's client
   * ID and secret there. All three set → "Sign in with SSO"; none → password sign-in only.
   */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** What the SSO button calls the provider ("Sign in with …"). */
  OIDC_DISPLAY_NAME: z.string().min(1).max(40).default("SSO"),
  /** Seeds demo staff with this TOTP secret (base32) so tests can compute codes; demo/e2e databases only. */
  DEMO_TOTP_SECRET: z
    .string()
    .regex(/^[A-Z2-7]{16,}$/, "DEMO_TOTP_SECRET must be base32 (A–Z, 2–7), 16+ characters")
    .optional(),
  /** Seeds demo users with this password (npm start only; never in production). */
  DEMO_PASSWORD: z.string().min(8).default("demo-password"),
});

const checked = schema.superRefine((env, ctx) => {
  const sso = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
  if (sso.some(Boolean) && !sso.every(Boolean))
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ISSUER"],
      message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none",
    });
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = checked.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
