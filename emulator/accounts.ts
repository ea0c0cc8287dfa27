import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorConfig } from "./config";
import { OWNER_ID } from "./model";
import { Ec2Error } from "./protocol/errors";
import { sendAwsJson } from "./protocol/json";
import type { Params } from "./protocol/query";
import type { Store } from "./store";

/**
 * Several AWS accounts behind one endpoint (decision 024). Long-term keys are OWNER_ID's; STS
 * AssumeRole hands out temporary keys that belong to the role's account; server.ts picks that
 * account's store before dispatch, so no EC2 handler knows accounts exist. Service Quotas answers
 * GetServiceQuota from `config.quotas`, which are AWS's defaults unless raised.
 */

/** The account a call signed with `accessKeyId` acts in; throws when its temporary key has expired. */
export function accountFor(store: Store, accessKeyId: string, wallNow: number): string {
  const session = store.state.sessions?.[accessKeyId];
  if (!session) return OWNER_ID;
  if (session.expiresAt <= wallNow)
    throw new Ec2Error("RequestExpired", "The security token included in the request is expired", 400);
  return session.accountId;
}

/** Region from any service's SigV4 credential scope (`Credential=AKID/20250101/eu-west-1/sts/aws4_request`). */
export function signedRegion(header: string | undefined): string | undefined {
  return header ? /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\/[a-z0-9-]+\//.exec(header)?.[1] : undefined;
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 403,
  ) {
    super(message);
  }
}

export function stsErrorXml(error: StsError, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@/-]{1,64})$/;

/** STS AssumeRole and GetCallerIdentity (Query protocol, Version 2011-06-15). */
export function handleSts(
  store: Store,
  config: EmulatorConfig,
  action: string,
  params: Params,
  callerAccount: string,
  callerKey: string,
  requestId: string,
  wallNow: number,
): string {
  const ns = "https://sts.amazonaws.com/doc/2011-06-15/";
  const meta = `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>`;
  if (action === "GetCallerIdentity") {
    const arn = store.state.sessions?.[callerKey]?.roleArn ?? `arn:aws:iam::${callerAccount}:user/emulated`;
    return `<GetCallerIdentityResponse xmlns="${ns}"><GetCallerIdentityResult><Arn>${xmlEscape(arn)}</Arn><UserId>${callerKey}</UserId><Account>${callerAccount}</Account></GetCallerIdentityResult>${meta}</GetCallerIdentityResponse>`;
  }
  const roleArn = params.str("RoleArn") ?? "";
  const sessionName = params.str("RoleSessionName") ?? "";
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
    throw new StsError("ValidationError", "RoleSessionName must be 2–64 characters of [\\w+=,.@-]", 400);
  const match = ROLE_ARN.exec(roleArn);
  if (!match) throw new StsError("ValidationError", `${roleArn || "RoleArn"} is not a valid role ARN`, 400);
  const [, accountId = "", roleName = ""] = match;
  const account = config.accounts[accountId];
  const denied = new StsError(
    "AccessDenied",
    `User: arn:aws:iam::${callerAccount}:user/emulated is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
  );
  // The trust policy: the role exists only in a configured account, and demands its external ID.
  if (!account || (account.roleName !== undefined && account.roleName !== roleName)) throw denied;
  if (account.externalId !== undefined && params.str("ExternalId") !== account.externalId) throw denied;
  const duration = Number(params.str("DurationSeconds") ?? "3600");
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200)
    throw new StsError("ValidationError", "DurationSeconds must be between 900 and 43200", 400);
  const accessKeyId = `ASIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString("base64");
  const expiresAt = wallNow + duration * 1000;
  const assumedArn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
  store.state.sessions ??= {};
  // Expired sessions go as new ones come, so the state file does not grow without end.
  for (const [key, s] of Object.entries(store.state.sessions))
    if (s.expiresAt <= wallNow) delete store.state.sessions[key];
  store.state.sessions[accessKeyId] = { accountId, secretAccessKey, expiresAt, roleArn: assumedArn };
  store.save();
  const token = randomBytes(32).toString("base64");
  return `<AssumeRoleResponse xmlns="${ns}"><AssumeRoleResult><Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${secretAccessKey}</SecretAccessKey><SessionToken>${token}</SessionToken><Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials><AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>AROA${accountId}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser><PackedPolicySize>0</PackedPolicySize></AssumeRoleResult>${meta}</AssumeRoleResponse>`;
}

/** AWS's quota codes for what a VPN request uses (service code, quota code) → the emulator's quota. */
export const QUOTA_CODES: Record<string, { name: string; key: keyof EmulatorConfig["quotas"] }> = {
  "vpc/L-F678F1CE": { name: "VPCs per Region", key: "vpcs" },
  "vpc/L-A4707A72": { name: "Internet gateways per Region", key: "internetGateways" },
  "vpc/L-FE5A380F": { name: "NAT gateways per Availability Zone", key: "natGatewaysPerAz" },
  "ec2/L-0263D0A3": { name: "EC2-VPC Elastic IPs", key: "elasticIps" },
  "vpc/L-3E6EC3A3": { name: "Virtual private gateways per Region", key: "vpnGateways" },
  "vpc/L-4FB7FF5D": { name: "Customer gateways per Region", key: "customerGateways" },
  "vpc/L-B4B3A3F5": { name: "Site-to-Site VPN connections per Region", key: "vpnConnections" },
};

/** Service Quotas (JSON 1.1, `X-Amz-Target: ServiceQuotasV20190624.GetServiceQuota`). */
export function handleServiceQuotas(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  config: EmulatorConfig,
  accountId: string,
  regionName: string,
  requestId: string,
): undefined {
  const target = String(req.headers["x-amz-target"] ?? "");
  const fail = (status: number, type: string, message: string) =>
    sendAwsJson(res, status, { __type: type, message }, requestId, type);
  if (target !== "ServiceQuotasV20190624.GetServiceQuota")
    return fail(400, "UnknownOperationException", `${target} is not emulated`);
  let input: { ServiceCode?: unknown; QuotaCode?: unknown };
  try {
    input = JSON.parse(body || "{}") as typeof input;
  } catch {
    return fail(400, "SerializationException", "body is not JSON");
  }
  const serviceCode = String(input.ServiceCode ?? "");
  const quotaCode = String(input.QuotaCode ?? "");
  const known = QUOTA_CODES[`${serviceCode}/${quotaCode}`];
  if (!known)
    return fail(400, "NoSuchResourceException", `The quota ${serviceCode}/${quotaCode} does not exist.`);
  sendAwsJson(
    res,
    200,
    {
      Quota: {
        ServiceCode: serviceCode,
        ServiceName:
          serviceCode === "ec2"
            ? "Amazon Elastic Compute Cloud (Amazon EC2)"
            : "Amazon Virtual Private Cloud (Amazon VPC)",
        QuotaArn: `arn:aws:servicequotas:${regionName}:${accountId}:${serviceCode}/${quotaCode}`,
        QuotaCode: quotaCode,
        QuotaName: known.name,
        Value: config.quotas[known.key],
        Unit: "None",
        Adjustable: true,
        GlobalQuota: false,
      },
    },
    requestId,
  );
}
