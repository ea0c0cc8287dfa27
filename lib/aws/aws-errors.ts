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

const ADVICE: Record<string, string> = {
  VpnGatewayLimitExceeded:
    "The region's quota of virtual private gateways is used up. Decommission unused VPNs or ask AWS for a quota increase, then retry.",
  CustomerGatewayLimitExceeded:
    "The region's quota of customer gateways is used up. Remove unused customer gateways or raise the quota, then retry.",
  VpnConnectionLimitExceeded:
    "The region's quota of VPN connections is used up. Decommission unused VPNs or raise the quota, then retry.",
  AddressLimitExceeded:
    "The region's Elastic IP quota is used up. Release unused addresses or raise the quota, then retry.",
  VpcLimitExceeded: "The region's VPC quota is used up. Remove unused VPCs or raise the quota, then retry.",
  UnauthorizedOperation:
    "The worker's AWS credentials lack a permission this step needs; see the IAM policy in the README.",
  AuthFailure: "AWS did not accept the worker's credentials; check them, then retry.",
};

/** One line for the FAILED banner: what AWS said, and what to do about it. */
export function describeAwsError(error: unknown): string {
  const e = asAwsError(error);
  if (!e) return String(error);
  const code = awsErrorCode(e);
  const advice = ADVICE[code];
  const requestId = e.$metadata?.requestId ? ` (AWS request ${e.$metadata.requestId})` : "";
  return `${code}: ${e.message}${requestId}${advice ? ` — ${advice}` : ""}`;
}
