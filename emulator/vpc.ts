import { type Cidr, contains, formatIpv4, overlaps, parseCidr } from "./cidr";
import type { Handler } from "./context";
import { describeResources, paginate, tagSet } from "./filters";
import { liveAttachment, natState } from "./lifecycle";
import { type InternetGateway, OWNER_ID, type RegionState, type Subnet, type Vpc } from "./model";
import { dependencyViolation, Ec2Error, invalidValue, notFound } from "./protocol/errors";
import type { XmlObject } from "./protocol/xml";
import { newId } from "./store";
import { tagsFromSpecifications } from "./tags";

export function requireVpc(region: RegionState, id: string): Vpc {
  const vpc = region.vpcs[id];
  if (!vpc) throw notFound("InvalidVpcID.NotFound", `The vpc ID '${id}' does not exist`);
  return vpc;
}

export function requireSubnet(region: RegionState, id: string): Subnet {
  const subnet = region.subnets[id];
  if (!subnet) throw notFound("InvalidSubnetID.NotFound", `The subnet ID '${id}' does not exist`);
  return subnet;
}

function requireIgw(region: RegionState, id: string): InternetGateway {
  const igw = region.internetGateways[id];
  if (!igw)
    throw notFound("InvalidInternetGatewayID.NotFound", `The internetGateway ID '${id}' does not exist`);
  return igw;
}

function cidrParam(text: string, code: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr)
    throw invalidValue(`Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new Ec2Error(code, `The CIDR '${text}' is invalid.`);
  return cidr;
}

const vpcXml = (vpc: Vpc): XmlObject => ({
  vpcId: vpc.id,
  ownerId: OWNER_ID,
  state: "available",
  cidrBlock: vpc.cidrBlock,
  cidrBlockAssociationSet: [
    {
      associationId: vpc.cidrAssociationId,
      cidrBlock: vpc.cidrBlock,
      cidrBlockState: { state: "associated" },
    },
  ],
  dhcpOptionsId: vpc.dhcpOptionsId,
  instanceTenancy: vpc.instanceTenancy,
  isDefault: false,
  tagSet: tagSet(vpc.tags),
});

export const createVpc: Handler = ({ region, params, now, config }) => {
  const text = params.required("CidrBlock");
  const cidr = cidrParam(text, "InvalidVpc.Range");
  const tags = tagsFromSpecifications(params, "vpc");
  if (Object.keys(region.vpcs).length >= config.quotas.vpcs)
    throw new Ec2Error("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
  const vpc: Vpc = {
    id: newId("vpc"),
    cidrBlock: `${formatIpv4(cidr.base)}/${cidr.prefix}`,
    cidrAssociationId: newId("vpc-cidr-assoc"),
    dhcpOptionsId: "dopt-0a1b2c3d4e5f60718",
    instanceTenancy: params.str("InstanceTenancy") ?? "default",
    tags,
    createdAt: now,
  };
  region.vpcs[vpc.id] = vpc;
  // Every VPC comes with its main route table holding the local route, as on AWS.
  const mainId = newId("rtb");
  region.routeTables[mainId] = {
    id: mainId,
    vpcId: vpc.id,
    main: true,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: "local", origin: "CreateRouteTable" }],
    associations: [{ id: newId("rtbassoc"), main: true }],
    propagatingVgws: [],
    tags: {},
    createdAt: now,
  };
  return { vpc: vpcXml(vpc) };
};

export const describeVpcs: Handler = ({ region, params }) => {
  const items = describeResources(
    params,
    region.vpcs,
    "VpcId",
    "InvalidVpcID.NotFound",
    "vpc",
    {
      "vpc-id": (v) => v.id,
      cidr: (v) => v.cidrBlock,
      "cidr-block": (v) => v.cidrBlock,
      "cidr-block-association.cidr-block": (v) => v.cidrBlock,
      "cidr-block-association.association-id": (v) => v.cidrAssociationId,
      "cidr-block-association.state": () => "associated",
      state: () => "available",
      "is-default": () => false,
      "dhcp-options-id": (v) => v.dhcpOptionsId,
      "owner-id": () => OWNER_ID,
    },
    (v) => v.tags,
  );
  const { page, nextToken } = paginate(items, params);
  return { vpcSet: page.map(vpcXml), nextToken };
};

export const deleteVpc: Handler = ({ region, params, now }) => {
  const vpc = requireVpc(region, params.required("VpcId"));
  const blockers: string[] = [];
  for (const s of Object.values(region.subnets)) if (s.vpcId === vpc.id) blockers.push(s.id);
  for (const g of Object.values(region.internetGateways)) if (g.attachedVpcId === vpc.id) blockers.push(g.id);
  for (const g of Object.values(region.vpnGateways)) {
    const live = liveAttachment(g, now);
    if (live?.vpcId === vpc.id) blockers.push(g.id);
  }
  for (const t of Object.values(region.routeTables)) if (t.vpcId === vpc.id && !t.main) blockers.push(t.id);
  for (const n of Object.values(region.natGateways)) {
    if (n.vpcId === vpc.id && !["deleted", "failed"].includes(natState(n, now))) blockers.push(n.id);
  }
  if (blockers.length > 0)
    throw dependencyViolation(
      `The vpc '${vpc.id}' has dependencies and cannot be deleted (${blockers.join(", ")}).`,
    );
  for (const t of Object.values(region.routeTables)) if (t.vpcId === vpc.id) delete region.routeTables[t.id];
  delete region.vpcs[vpc.id];
  return { return: true };
};

const subnetXml = (s: Subnet, region: RegionState): XmlObject => {
  const cidr = parseCidr(s.cidrBlock);
  // AWS reserves 5 addresses per subnet; NAT gateways use one each.
  const nats = Object.values(region.natGateways).filter(
    (n) => n.subnetId === s.id && n.deletedAt === undefined,
  ).length;
  return {
    subnetId: s.id,
    subnetArn: `arn:aws:ec2:${s.availabilityZone.slice(0, -1)}:${OWNER_ID}:subnet/${s.id}`,
    state: "available",
    vpcId: s.vpcId,
    cidrBlock: s.cidrBlock,
    availableIpAddressCount: cidr ? 2 ** (32 - cidr.prefix) - 5 - nats : 0,
    availabilityZone: s.availabilityZone,
    availabilityZoneId: `${s.availabilityZone.slice(0, -1).replace(/-/g, "").slice(0, 4)}-az${s.availabilityZone.charCodeAt(s.availabilityZone.length - 1) - 96}`,
    defaultForAz: false,
    mapPublicIpOnLaunch: false,
    ownerId: OWNER_ID,
    tagSet: tagSet(s.tags),
  };
};

export const createSubnet: Handler = ({ region, regionName, params, now }) => {
  const vpc = requireVpc(region, params.required("VpcId"));
  const text = params.required("CidrBlock");
  const cidr = cidrParam(text, "InvalidSubnet.Range");
  const vpcCidr = parseCidr(vpc.cidrBlock);
  if (!vpcCidr || !contains(vpcCidr, cidr))
    throw new Ec2Error("InvalidSubnet.Range", `The CIDR '${text}' is invalid.`);
  for (const other of Object.values(region.subnets)) {
    const otherCidr = parseCidr(other.cidrBlock);
    if (other.vpcId === vpc.id && otherCidr && overlaps(otherCidr, cidr))
      throw new Ec2Error("InvalidSubnet.Conflict", `The CIDR '${text}' conflicts with another subnet`);
  }
  const az = params.str("AvailabilityZone") ?? `${regionName}a`;
  if (!new RegExp(`^${regionName}[a-f]$`).test(az))
    throw invalidValue(
      `Value (${az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${regionName}a, ${regionName}b, ${regionName}c.`,
    );
  const tags = tagsFromSpecifications(params, "subnet");
  const subnet: Subnet = {
    id: newId("subnet"),
    vpcId: vpc.id,
    cidrBlock: text,
    availabilityZone: az,
    tags,
    createdAt: now,
  };
  region.subnets[subnet.id] = subnet;
  return { subnet: subnetXml(subnet, region) };
};

export const describeSubnets: Handler = ({ region, params }) => {
  const items = describeResources(
    params,
    region.subnets,
    "SubnetId",
    "InvalidSubnetID.NotFound",
    "subnet",
    {
      "subnet-id": (s) => s.id,
      "vpc-id": (s) => s.vpcId,
      "cidr-block": (s) => s.cidrBlock,
      cidr: (s) => s.cidrBlock,
      cidrBlock: (s) => s.cidrBlock,
      "availability-zone": (s) => s.availabilityZone,
      availabilityZone: (s) => s.availabilityZone,
      state: () => "available",
      "default-for-az": () => false,
      "owner-id": () => OWNER_ID,
    },
    (s) => s.tags,
  );
  const { page, nextToken } = paginate(items, params);
  return { subnetSet: page.map((s) => subnetXml(s, region)), nextToken };
};

export const deleteSubnet: Handler = ({ region, params, now }) => {
  const subnet = requireSubnet(region, params.required("SubnetId"));
  const nat = Object.values(region.natGateways).find(
    (n) => n.subnetId === subnet.id && !["deleted", "failed"].includes(natState(n, now)),
  );
  if (nat) throw dependencyViolation(`The subnet '${subnet.id}' has dependencies and cannot be deleted.`);
  for (const table of Object.values(region.routeTables)) {
    table.associations = table.associations.filter((a) => a.subnetId !== subnet.id);
  }
  delete region.subnets[subnet.id];
  return { return: true };
};

const igwXml = (g: InternetGateway): XmlObject => ({
  internetGatewayId: g.id,
  ownerId: OWNER_ID,
  // An attached internet gateway reports attachment state "available" on AWS, not "attached".
  attachmentSet: g.attachedVpcId ? [{ vpcId: g.attachedVpcId, state: "available" }] : [],
  tagSet: tagSet(g.tags),
});

export const createInternetGateway: Handler = ({ region, params, now }) => {
  const igw: InternetGateway = {
    id: newId("igw"),
    tags: tagsFromSpecifications(params, "internet-gateway"),
    createdAt: now,
  };
  region.internetGateways[igw.id] = igw;
  return { internetGateway: igwXml(igw) };
};

export const attachInternetGateway: Handler = ({ region, params }) => {
  const igw = requireIgw(region, params.required("InternetGatewayId"));
  const vpc = requireVpc(region, params.required("VpcId"));
  if (igw.attachedVpcId)
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `resource ${igw.id} is already attached to network ${igw.attachedVpcId}`,
    );
  const other = Object.values(region.internetGateways).find((g) => g.attachedVpcId === vpc.id);
  if (other)
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `network ${vpc.id} already has an internet gateway attached`,
    );
  igw.attachedVpcId = vpc.id;
  return { return: true };
};

export const detachInternetGateway: Handler = ({ region, params, now }) => {
  const igw = requireIgw(region, params.required("InternetGatewayId"));
  const vpcId = params.required("VpcId");
  requireVpc(region, vpcId);
  if (igw.attachedVpcId !== vpcId)
    throw new Ec2Error("Gateway.NotAttached", `resource ${igw.id} is not attached to network ${vpcId}`);
  // AWS refuses while public NAT gateways (their Elastic IPs) still live in the VPC.
  const mapped = Object.values(region.natGateways).some(
    (n) =>
      n.vpcId === vpcId &&
      n.connectivityType === "public" &&
      !["deleted", "failed"].includes(natState(n, now)),
  );
  if (mapped)
    throw dependencyViolation(
      `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  igw.attachedVpcId = undefined;
  return { return: true };
};

export const describeInternetGateways: Handler = ({ region, params }) => {
  const items = describeResources(
    params,
    region.internetGateways,
    "InternetGatewayId",
    "InvalidInternetGatewayID.NotFound",
    "internetGateway",
    {
      "internet-gateway-id": (g) => g.id,
      "attachment.vpc-id": (g) => g.attachedVpcId,
      "attachment.state": (g) => (g.attachedVpcId ? "available" : undefined),
      "owner-id": () => OWNER_ID,
    },
    (g) => g.tags,
  );
  const { page, nextToken } = paginate(items, params);
  return { internetGatewaySet: page.map(igwXml), nextToken };
};

export const deleteInternetGateway: Handler = ({ region, params }) => {
  const igw = requireIgw(region, params.required("InternetGatewayId"));
  if (igw.attachedVpcId)
    throw dependencyViolation(`The internetGateway '${igw.id}' has dependencies and cannot be deleted.`);
  delete region.internetGateways[igw.id];
  return { return: true };
};
