import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "./config";
import { OWNER_ID, type RegionState, type Tags } from "./model";
import { Ec2Error } from "./protocol/errors";
import type { Params } from "./protocol/query";

/**
 * IAM as EC2 applies it to a call: the action `ec2:<Action>` is evaluated on every resource the
 * call creates (`arn:…:<type>/*`, with the request's tags as `aws:RequestTag/…`) and on every
 * existing resource it names (`arn:…:<type>/<id>`, with that resource's tags as
 * `aws:ResourceTag/…`); tags given in `TagSpecification` also need `ec2:CreateTags` with
 * `ec2:CreateAction`. Describe calls are evaluated on `*`. The evaluation itself is
 * @cloud-copilot/iam-simulate's, a maintained IAM policy simulator. Resource types per action
 * follow the Service Authorization Reference for EC2 (required ones, and optional ones the call names).
 */
type Kind =
  | "vpc"
  | "subnet"
  | "internet-gateway"
  | "elastic-ip"
  | "natgateway"
  | "route-table"
  | "vpn-gateway"
  | "customer-gateway"
  | "vpn-connection";

type Ref = { kind: Kind; param: string };
type Rule = { creates?: Kind; uses?: Ref[] };

/** The parameter a call names a resource of each kind by, unless its rule says otherwise. */
const ID_PARAM: Record<Kind, string> = {
  vpc: "VpcId",
  subnet: "SubnetId",
  "internet-gateway": "InternetGatewayId",
  "elastic-ip": "AllocationId",
  natgateway: "NatGatewayId",
  "route-table": "RouteTableId",
  "vpn-gateway": "VpnGatewayId",
  "customer-gateway": "CustomerGatewayId",
  "vpn-connection": "VpnConnectionId",
};

/** The existing resources a call names: a kind (by its usual parameter), or [kind, parameter]. */
const uses = (...refs: (Kind | [Kind, string])[]): Ref[] =>
  refs.map((ref) =>
    typeof ref === "string" ? { kind: ref, param: ID_PARAM[ref] } : { kind: ref[0], param: ref[1] },
  );

const RULES: Record<string, Rule> = {
  CreateVpc: { creates: "vpc" },
  DeleteVpc: { uses: uses("vpc") },
  CreateSubnet: { creates: "subnet", uses: uses("vpc") },
  DeleteSubnet: { uses: uses("subnet") },
  CreateInternetGateway: { creates: "internet-gateway" },
  AttachInternetGateway: { uses: uses("internet-gateway", "vpc") },
  DetachInternetGateway: { uses: uses("internet-gateway", "vpc") },
  DeleteInternetGateway: { uses: uses("internet-gateway") },
  AllocateAddress: { creates: "elastic-ip" },
  ReleaseAddress: { uses: uses("elastic-ip") },
  CreateNatGateway: { creates: "natgateway", uses: uses("subnet", "elastic-ip") },
  DeleteNatGateway: { uses: uses("natgateway") },
  CreateRouteTable: { creates: "route-table", uses: uses("vpc") },
  DeleteRouteTable: { uses: uses("route-table") },
  CreateRoute: { uses: uses("route-table") },
  DeleteRoute: { uses: uses("route-table") },
  AssociateRouteTable: { uses: uses("route-table", "subnet") },
  // DisassociateRouteTable names an association: its table and subnet are found below.
  DisassociateRouteTable: {},
  EnableVgwRoutePropagation: { uses: uses("route-table", ["vpn-gateway", "GatewayId"]) },
  DisableVgwRoutePropagation: { uses: uses("route-table", ["vpn-gateway", "GatewayId"]) },
  CreateVpnGateway: { creates: "vpn-gateway" },
  AttachVpnGateway: { uses: uses("vpn-gateway", "vpc") },
  DetachVpnGateway: { uses: uses("vpn-gateway", "vpc") },
  DeleteVpnGateway: { uses: uses("vpn-gateway") },
  CreateCustomerGateway: { creates: "customer-gateway" },
  DeleteCustomerGateway: { uses: uses("customer-gateway") },
  CreateVpnConnection: { creates: "vpn-connection", uses: uses("customer-gateway", "vpn-gateway") },
  DeleteVpnConnection: { uses: uses("vpn-connection") },
  CreateVpnConnectionRoute: { uses: uses("vpn-connection") },
  DeleteVpnConnectionRoute: { uses: uses("vpn-connection") },
  ModifyVpnTunnelOptions: { uses: uses("vpn-connection") },
  // The Service Authorization Reference names only the connection for ModifyVpnConnection.
  ModifyVpnConnection: { uses: uses("vpn-connection") },
  GetVpnTunnelReplacementStatus: { uses: uses("vpn-connection") },
  ReplaceVpnTunnel: { uses: uses("vpn-connection") },
  // CreateTags / DeleteTags name any resources: handled below.
  CreateTags: {},
  DeleteTags: {},
};

const KIND_BY_PREFIX: [string, Kind][] = [
  ["vpc-", "vpc"],
  ["subnet-", "subnet"],
  ["igw-", "internet-gateway"],
  ["eipalloc-", "elastic-ip"],
  ["nat-", "natgateway"],
  ["rtb-", "route-table"],
  ["vgw-", "vpn-gateway"],
  ["cgw-", "customer-gateway"],
  ["vpn-", "vpn-connection"],
];

/** The tags of an existing resource, or undefined when it does not exist (the handler answers NotFound). */
function tagsOf(region: RegionState, kind: Kind, id: string): Tags | undefined {
  const collections: Record<Kind, Record<string, { tags: Tags }>> = {
    vpc: region.vpcs,
    subnet: region.subnets,
    "internet-gateway": region.internetGateways,
    "elastic-ip": region.addresses,
    natgateway: region.natGateways,
    "route-table": region.routeTables,
    "vpn-gateway": region.vpnGateways,
    "customer-gateway": region.customerGateways,
    "vpn-connection": region.vpnConnections,
  };
  return collections[kind][id]?.tags;
}

type Check = { action: string; resource: string; context: Record<string, string | string[]> };

function requestTags(params: Params): Tags {
  const tags: Tags = {};
  for (const spec of params.structList("TagSpecification"))
    for (const tag of spec.structList("Tag")) tags[tag.str("Key") ?? ""] = tag.str("Value") ?? "";
  return tags;
}

function tagContext(
  prefix: "aws:RequestTag" | "aws:ResourceTag",
  tags: Tags,
): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(tags)) context[`${prefix}/${key}`] = value;
  if (prefix === "aws:RequestTag" && Object.keys(tags).length > 0) context["aws:TagKeys"] = Object.keys(tags);
  return context;
}

/** Every (action, resource, context) the call needs allowed, as EC2 authorizes it. */
export function checksFor(action: string, params: Params, region: RegionState, regionName: string): Check[] {
  const arn = (kind: Kind, id: string) => `arn:aws:ec2:${regionName}:${OWNER_ID}:${kind}/${id}`;
  const iamAction = `ec2:${action}`;
  const rule = RULES[action];
  if (!rule) return [{ action: iamAction, resource: "*", context: {} }];
  const tags = requestTags(params);
  const requestContext = tagContext("aws:RequestTag", tags);
  const checks: Check[] = [];
  const existing = (kind: Kind, id: string, extra: Record<string, string | string[]> = {}) => {
    const found = tagsOf(region, kind, id);
    if (found === undefined) return;
    checks.push({
      action: iamAction,
      resource: arn(kind, id),
      context: { ...extra, ...tagContext("aws:ResourceTag", found) },
    });
  };
  if (rule.creates) {
    checks.push({ action: iamAction, resource: arn(rule.creates, "*"), context: requestContext });
    if (Object.keys(tags).length > 0)
      checks.push({
        action: "ec2:CreateTags",
        resource: arn(rule.creates, "*"),
        context: { ...requestContext, "ec2:CreateAction": action },
      });
  }
  for (const ref of rule.uses ?? []) {
    const id = params.str(ref.param);
    if (id) existing(ref.kind, id, requestContext);
  }
  if (action === "DisassociateRouteTable") {
    const associationId = params.str("AssociationId");
    for (const table of Object.values(region.routeTables)) {
      const association = table.associations.find((a) => a.id === associationId);
      if (!association) continue;
      existing("route-table", table.id);
      if (association.subnetId) existing("subnet", association.subnetId);
    }
  }
  if (action === "CreateTags" || action === "DeleteTags") {
    const tagged: Tags = {};
    for (const tag of params.structList("Tag")) tagged[tag.str("Key") ?? ""] = tag.str("Value") ?? "";
    for (const id of params.list("ResourceId")) {
      const kind = KIND_BY_PREFIX.find(([prefix]) => id.startsWith(prefix))?.[1];
      if (kind) existing(kind, id, tagContext("aws:RequestTag", tagged));
    }
  }
  return checks;
}

/** The principal a signed call acts as: the access key stands for a role session of the one account. */
const principalFor = (accessKeyId: string) => `arn:aws:sts::${OWNER_ID}:assumed-role/emulated/${accessKeyId}`;

/**
 * Answers UnauthorizedOperation (HTTP 403) for the first check the policy does not allow, with
 * AWS's wording; resolves quietly when every check is allowed.
 */
export async function authorize(
  policy: PolicyDocument,
  accessKeyId: string,
  action: string,
  params: Params,
  region: RegionState,
  regionName: string,
): Promise<void> {
  const principal = principalFor(accessKeyId);
  for (const check of checksFor(action, params, region, regionName)) {
    const response = await runSimulation(
      {
        identityPolicies: [{ name: "policy", policy: policy as never }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action: check.action,
          principal,
          resource: { resource: check.resource, accountId: OWNER_ID },
          contextVariables: {
            ...check.context,
            "aws:RequestedRegion": regionName,
            "ec2:Region": regionName,
          },
        },
      } as never,
      {},
    );
    const outcome = response as { resultType: string; overallResult?: string; errors?: unknown };
    if (outcome.resultType === "error")
      throw new Error(`IAM simulation of ${check.action} failed: ${JSON.stringify(outcome.errors)}`);
    if (outcome.overallResult === "Allowed") continue;
    const why =
      outcome.overallResult === "ExplicitlyDenied"
        ? "with an explicit deny in an identity-based policy"
        : `because no identity-based policy allows the ${check.action} action`;
    const encoded = Buffer.from(JSON.stringify(check)).toString("base64url");
    throw new Ec2Error(
      "UnauthorizedOperation",
      `You are not authorized to perform this operation. User: ${principal} is not authorized to perform: ${check.action} on resource: ${check.resource} ${why}. Encoded authorization failure message: ${encoded}`,
      403,
    );
  }
}

/** The access key ID from SigV4's credential scope (`Credential=AKID/20250101/eu-west-1/ec2/aws4_request`). */
export function accessKeyFromAuthorization(header: string | undefined): string | undefined {
  return header ? /Credential=([^/,\s]+)\//.exec(header)?.[1] : undefined;
}
