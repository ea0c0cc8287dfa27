// Which AWS errors are worth retrying, and how to say an error to a support engineer.

const TRANSIENT_CODES = new Set([
  "RequestLimitExceeded",
  "Throttling",
  "ThrottlingException",
  "InternalError",
  "InternalFailure",
  "ServiceUnavailable",
  "Unavailable",
  "RequestTimeout",
  "RequestTimeoutException",
]);

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
]);

type AwsLikeError = Error & {
  name: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: "client" | "server";
};

function asAwsError(error: unknown): AwsLikeError | null {
  return error instanceof Error ? (error as AwsLikeError) : null;
}

export function awsErrorCode(error: unknown): string {
  const e = asAwsError(error);
  return e?.code ?? e?.name ?? "UnknownError";
}

const THROTTLING_CODES = new Set(["RequestLimitExceeded", "Throttling", "ThrottlingException"]);

/** AWS refused the call for its request rate: it did nothing, so even a create may be sent again. */
export function isThrottlingError(error: unknown): boolean {
  const e = asAwsError(error);
  return !!e && (THROTTLING_CODES.has(e.name) || (e.code !== undefined && THROTTLING_CODES.has(e.code)));
}

/** Throttling, 5xx and network failures: retry with backoff. Anything else is permanent. */
export function isTransientAwsError(error: unknown): boolean {
  const e = asAwsError(error);
  if (!e) return false;
  if (TRANSIENT_CODES.has(e.name) || (e.code && TRANSIENT_CODES.has(e.code))) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  const cause = (e as { cause?: { code?: string } }).cause;
  if (cause?.code && NETWORK_CODES.has(cause.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/**
 * What to do about each limit AWS can answer a provisioning or decommissioning call with. The
 * defaults are AWS's (Amazon VPC and Site-to-Site VPN quota pages); a new account's default VPC and
 * its internet gateway count against their quotas, so a fresh region fits four requests.
 */
const ADVICE: Record<string, string> = {
  VpcLimitExceeded:
    "The region's VPC quota is used up (default 5 per region, the default VPC included). Decommission unused VPNs, delete unused VPCs or raise 'VPCs per Region' in Service Quotas, then retry.",
  InternetGatewayLimitExceeded:
    "The region's internet gateway quota is used up (default 5 per region, the default VPC's included). Remove unused internet gateways or raise 'Internet gateways per Region' in Service Quotas, then retry.",
  AddressLimitExceeded:
    "The region's Elastic IP quota is used up (default 5 per region). Release unused addresses or raise 'EC2-VPC Elastic IPs' in Service Quotas, then retry.",
  NatGatewayLimitExceeded:
    "The availability zone's NAT gateway quota is used up (default 5 per AZ; pending, available and deleting gateways count). Delete unused NAT gateways, wait for deleting ones, or raise 'NAT gateways per Availability Zone' in Service Quotas, then retry.",
  VpnGatewayLimitExceeded:
    "The region's quota of virtual private gateways is used up (default 5 per region). Decommission unused VPNs or raise 'Virtual private gateways per Region' in Service Quotas, then retry.",
  CustomerGatewayLimitExceeded:
    "The region's quota of customer gateways is used up (default 50 per region). Remove unused customer gateways or raise 'Customer gateways per Region', then retry.",
  VpnConnectionLimitExceeded:
    "A VPN connection quota is used up: 50 per region (adjustable in Service Quotas) or 10 per virtual private gateway (fixed). Decommission unused VPNs or raise the regional quota, then retry.",
  VpnGatewayAttachmentLimitExceeded:
    "The virtual private gateway is already attached to another VPC (one VPC per gateway). Detach it or let the step create its own, then retry.",
  RouteTableLimitExceeded:
    "The VPC's route table quota is used up (default 200 per VPC). Delete unused route tables or raise the quota, then retry.",
  RouteLimitExceeded:
    "A route quota is used up: 50 routes per route table (adjustable) or 100 static routes per VPN connection (fixed). Remove routes or raise the route-table quota, then retry.",
  SubnetLimitExceeded:
    "The VPC's subnet quota is used up (default 200 per VPC). Delete unused subnets or raise the quota, then retry.",
  TagLimitExceeded: "A resource may carry at most 50 tags. Remove tags added outside the portal, then retry.",
  InsufficientAddressCapacity:
    "AWS has no public addresses to give in this region right now. Retry later or choose another region.",
  UnauthorizedOperation:
    "The worker's AWS role lacks a permission this step needs, or the resource lacks the portal:request-id tag the policy requires; compare the call with docs/aws-iam-policy.json.",
  AuthFailure: "AWS did not accept the worker's credentials; check them, then retry.",
  AsnConflict:
    "The customer's BGP ASN equals the platform's Amazon-side ASN. Ask the customer for another private ASN, then retry.",
};

/** The advice for a code, if any: every `*LimitExceeded` code AWS answers these calls with has one. */
export const adviceFor = (code: string): string | undefined => ADVICE[code];

/**
 * NotFound as EC2 answers it (`InvalidVpcID.NotFound`, `NatGatewayNotFound`, …). Right after a
 * create it means "not yet" (eventual consistency); on a delete, "already gone".
 */
export function isNotFoundError(error: unknown): boolean {
  const code = awsErrorCode(error);
  return /\.NotFound$/.test(code) || /^[A-Za-z]+NotFound$/.test(code);
}

/** A dependency that AWS is still releasing (e.g. a deleted NAT gateway's network interface). */
export const isDependencyViolation = (error: unknown): boolean =>
  awsErrorCode(error) === "DependencyViolation";

/** One line for the FAILED banner: what AWS said, and what to do about it. */
export function describeAwsError(error: unknown): string {
  const e = asAwsError(error);
  if (!e) return String(error);
  const code = awsErrorCode(e);
  const advice = ADVICE[code];
  const requestId = e.$metadata?.requestId ? ` (AWS request ${e.$metadata.requestId})` : "";
  return `${code}: ${e.message}${requestId}${advice ? ` — ${advice}` : ""}`;
}
