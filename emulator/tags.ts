import type { Ctx, Handler } from "./context";
import { applyFilters, paginate } from "./filters";
import type { RegionState, Tags } from "./model";
import { Ec2Error, invalidValue, missing } from "./protocol/errors";
import { type Params, readFilters } from "./protocol/query";

/** The resource types this emulator can tag, keyed by ID prefix. */
const TAGGABLE: { prefix: string; type: string; collection: keyof RegionState; notFound: string }[] = [
  { prefix: "vpc-", type: "vpc", collection: "vpcs", notFound: "InvalidVpcID.NotFound" },
  { prefix: "subnet-", type: "subnet", collection: "subnets", notFound: "InvalidSubnetID.NotFound" },
  {
    prefix: "igw-",
    type: "internet-gateway",
    collection: "internetGateways",
    notFound: "InvalidInternetGatewayID.NotFound",
  },
  {
    prefix: "eipalloc-",
    type: "elastic-ip",
    collection: "addresses",
    notFound: "InvalidAllocationID.NotFound",
  },
  { prefix: "nat-", type: "natgateway", collection: "natGateways", notFound: "NatGatewayNotFound" },
  {
    prefix: "rtb-",
    type: "route-table",
    collection: "routeTables",
    notFound: "InvalidRouteTableID.NotFound",
  },
  {
    prefix: "vgw-",
    type: "vpn-gateway",
    collection: "vpnGateways",
    notFound: "InvalidVpnGatewayID.NotFound",
  },
  {
    prefix: "cgw-",
    type: "customer-gateway",
    collection: "customerGateways",
    notFound: "InvalidCustomerGatewayID.NotFound",
  },
  {
    prefix: "vpn-",
    type: "vpn-connection",
    collection: "vpnConnections",
    notFound: "InvalidVpnConnectionID.NotFound",
  },
];

function checkTag(key: string, value: string): void {
  if (key.length === 0 || key.length > 128)
    throw new Ec2Error("InvalidParameterValue", "Tag keys must be 1-128 characters long.");
  if (value.length > 256)
    throw new Ec2Error("InvalidParameterValue", "Tag values must be at most 256 characters long.");
  if (key.toLowerCase().startsWith("aws:"))
    throw new Ec2Error(
      "InvalidParameterValue",
      "Tag keys starting with 'aws:' are reserved for internal use",
    );
}

function addTags(target: Tags, additions: readonly (readonly [string, string])[]): void {
  for (const [key, value] of additions) {
    checkTag(key, value);
    target[key] = value;
  }
  if (Object.keys(target).length > 50)
    throw new Ec2Error("TagLimitExceeded", "The maximum number of tags per resource is 50.");
}

/** Tags from `TagSpecification.N` for one resource type; a specification for another type is refused. */
export function tagsFromSpecifications(params: Params, resourceType: string): Tags {
  const tags: Tags = {};
  for (const spec of params.structList("TagSpecification")) {
    const type = spec.str("ResourceType");
    if (type !== resourceType)
      throw invalidValue(`'${type ?? ""}' is not a valid taggable resource type for this operation.`);
    addTags(
      tags,
      spec.structList("Tag").map((tag) => [tag.str("Key") ?? "", tag.str("Value") ?? ""] as const),
    );
  }
  return tags;
}

type Found = { tags: Tags; type: string };

function findTaggable(region: RegionState, id: string): Found {
  const kind = TAGGABLE.find((k) => id.startsWith(k.prefix));
  if (!kind) throw new Ec2Error("InvalidID", `The ID '${id}' is not valid`);
  const record = region[kind.collection] as Record<string, { tags: Tags }>;
  const found = record[id];
  if (!found) throw new Ec2Error(kind.notFound, `The ${kind.type} ID '${id}' does not exist`);
  return { tags: found.tags, type: kind.type };
}

export const createTags: Handler = ({ region, params }) => {
  const ids = params.list("ResourceId");
  if (ids.length === 0) throw missing("ResourceId");
  const tags = params.structList("Tag").map((t) => [t.required("Key"), t.str("Value") ?? ""] as const);
  const targets = ids.map((id) => findTaggable(region, id));
  for (const target of targets) addTags(target.tags, tags);
  return { return: true };
};

export const deleteTags: Handler = ({ region, params }) => {
  const ids = params.list("ResourceId");
  if (ids.length === 0) throw missing("ResourceId");
  const requested = params.structList("Tag").map((t) => ({ key: t.required("Key"), value: t.str("Value") }));
  for (const id of ids) {
    const { tags } = findTaggable(region, id);
    if (requested.length === 0) {
      for (const key of Object.keys(tags)) delete tags[key];
      continue;
    }
    // A value given means "delete only if it has this value", as AWS documents.
    for (const { key, value } of requested) if (value === undefined || tags[key] === value) delete tags[key];
  }
  return { return: true };
};

type TagRow = { resourceId: string; resourceType: string; key: string; value: string };

export const describeTags: Handler = (ctx: Ctx) => {
  const rows: TagRow[] = [];
  for (const kind of TAGGABLE) {
    const record = ctx.region[kind.collection] as Record<string, { tags: Tags }>;
    for (const [resourceId, item] of Object.entries(record)) {
      for (const [key, value] of Object.entries(item.tags))
        rows.push({ resourceId, resourceType: kind.type, key, value });
    }
  }
  const filtered = applyFilters(
    rows,
    readFilters(ctx.params),
    {
      "resource-id": (r) => r.resourceId,
      "resource-type": (r) => r.resourceType,
      key: (r) => r.key,
      value: (r) => r.value,
    },
    (r) => ({ [r.key]: r.value }),
  );
  const { page, nextToken } = paginate(filtered, ctx.params);
  return {
    tagSet: page.map((r) => ({
      resourceId: r.resourceId,
      resourceType: r.resourceType,
      key: r.key,
      value: r.value,
    })),
    nextToken,
  };
};

export const TAGGABLE_KINDS = TAGGABLE;
