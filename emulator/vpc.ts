import { type Cidr, contains, formatIpv4, overlaps, parseCidr } from "./cidr";
import { visibleAtFor } from "./consistency";
import type { Handler } from "./context";
import { applyFilters, describeTagged, paginate, tagSet } from "./filters";
import { liveAttachment, natInterfaceLingers, natState } from "./lifecycle";
import { type InternetGateway, OWNER_ID, type RegionState, type Subnet, type Vpc } from "./model";
import { dependencyViolation, Ec2Error, invalidValue, notFound } from "./protocol/errors";
import { readFilters } from "./protocol/query";
import type { XmlObject } from "./protocol/xml";
import { newId } from "./store";
import { tagsFromSpecifications } from "./tags";

/** The lag of a resource made now, spread into it (nothing when consistency is immediate). */
export const visible = (config: Parameters<typeof visibleAtFor>[0], now: number): { visibleAt?: number } => {
  const visibleAt = visibleAtFor(config, now);
  return visibleAt === undefined ? {} : { visibleAt };
};

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
  isDefault: vpc.isDefault === true,
  tagSet: tagSet(vpc.tags),
});

export const createVpc: Handler = ({ all, params, now, config }) => {
  const text = params.required("CidrBlock");
  const cidr = cidrParam(text, "InvalidVpc.Range");
  const tags = tagsFromSpecifications(params, "vpc");
  // The default VPC counts against the quota, as on AWS.
  if (Object.keys(all.vpcs).length >= config.quotas.vpcs)
    throw new Ec2Error("VpcLimitExceeded", "The maximum number of VPCs has been reached.");
  const visibleAt = visibleAtFor(config, now);
  const vpc: Vpc = {
    id: newId("vpc"),
    cidrBlock: `${formatIpv4(cidr.base)}/${cidr.prefix}`,
    cidrAssociationId: newId("vpc-cidr-assoc"),
    dhcpOptionsId: "dopt-0a1b2c3d4e5f60718",
    instanceTenancy: params.str("InstanceTenancy") ?? "default",
    tags,
    createdAt: now,
    ...(visibleAt ? { visibleAt } : {}),
  };
  all.vpcs[vpc.id] = vpc;
  addMainRouteTable(all, vpc, now, visibleAt);
  return { vpc: vpcXml(vpc) };
};

/** Every VPC comes with its main route table holding the local route, as on AWS. */
function addMainRouteTable(region: RegionState, vpc: Vpc, now: number, visibleAt?: number): string {
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
    ...(visibleAt ? { visibleAt } : {}),
  };
  return mainId;
}

/** The availability zones of every emulated region (DescribeAvailabilityZones answers them). */
export const zonesOf = (regionName: string): string[] => ["a", "b", "c"].map((z) => `${regionName}${z}`);

const zoneId = (az: string): string =>
  `${az.slice(0, -1).replace(/-/g, "").slice(0, 4)}-az${az.charCodeAt(az.length - 1) - 96}`;

/**
 * A region of a new AWS account is not empty: it has a default VPC (172.31.0.0/16) with a default
 * subnet per availability zone, an attached internet gateway and a default route to it. The VPC
 * and the gateway count against their quotas, which is why a fresh account fits only four
 * requests per region.
 */
export function seedDefaultVpc(region: RegionState, regionName: string, now: number): void {
  const vpc: Vpc = {
    id: newId("vpc"),
    cidrBlock: "172.31.0.0/16",
    cidrAssociationId: newId("vpc-cidr-assoc"),
    dhcpOptionsId: "dopt-0a1b2c3d4e5f60718",
    instanceTenancy: "default",
    isDefault: true,
    tags: {},
    createdAt: now,
  };
  region.vpcs[vpc.id] = vpc;
  const mainId = addMainRouteTable(region, vpc, now);
  const igw: InternetGateway = {
    id: newId("igw"),
    attachedVpcId: vpc.id,
    isDefault: true,
    tags: {},
    createdAt: now,
  };
  region.internetGateways[igw.id] = igw;
  region.routeTables[mainId]?.routes.push({
    destinationCidrBlock: "0.0.0.0/0",
    gatewayId: igw.id,
    origin: "CreateRoute",
  });
  zonesOf(regionName).forEach((availabilityZone, index) => {
    const subnet: Subnet = {
      id: newId("subnet"),
      vpcId: vpc.id,
      cidrBlock: `172.31.${index * 16}.0/20`,
      availabilityZone,
      defaultForAz: true,
      tags: {},
      createdAt: now,
    };
    region.subnets[subnet.id] = subnet;
  });
}

export const describeAvailabilityZones: Handler = ({ regionName, params }) => {
  const zones = zonesOf(regionName).map((zoneName) => ({ zoneName, zoneId: zoneId(zoneName) }));
  const names = params.list("ZoneName");
  for (const name of names)
    if (!zones.some((z) => z.zoneName === name)) throw invalidValue(`The zone '${name}' does not exist.`);
  const named = names.length > 0 ? zones.filter((z) => names.includes(z.zoneName)) : zones;
  const wanted = applyFilters(
    named,
    readFilters(params),
    {
      "zone-name": (z) => z.zoneName,
      "zone-id": (z) => z.zoneId,
      state: () => "available",
      "zone-type": () => "availability-zone",
      "region-name": () => regionName,
      "opt-in-status": () => "opt-in-not-required",
    },
    () => ({}),
  );
  return {
    availabilityZoneInfo: wanted.map((z) => ({
      zoneName: z.zoneName,
      zoneId: z.zoneId,
      zoneState: "available",
      regionName,
      groupName: regionName,
      networkBorderGroup: regionName,
      optInStatus: "opt-in-not-required",
      zoneType: "availability-zone",
      messageSet: [],
    })),
  };
};

export const describeVpcs: Handler = ({ region, params }) => {
  const items = describeTagged(params, region.vpcs, "VpcId", {
    "vpc-id": (v) => v.id,
    cidr: (v) => v.cidrBlock,
    "cidr-block": (v) => v.cidrBlock,
    "cidr-block-association.cidr-block": (v) => v.cidrBlock,
    "cidr-block-association.association-id": (v) => v.cidrAssociationId,
    "cidr-block-association.state": () => "associated",
    state: () => "available",
    "is-default": (v) => v.isDefault === true,
    "dhcp-options-id": (v) => v.dhcpOptionsId,
    "owner-id": () => OWNER_ID,
  });
  const { page, nextToken } = paginate(items, params);
  return { vpcSet: page.map(vpcXml), nextToken };
};

export const deleteVpc: Handler = ({ region, all, params, now, config }) => {
  const vpc = requireVpc(region, params.required("VpcId"));
  const blockers: string[] = [];
  for (const s of Object.values(all.subnets)) if (s.vpcId === vpc.id) blockers.push(s.id);
  for (const g of Object.values(all.internetGateways)) if (g.attachedVpcId === vpc.id) blockers.push(g.id);
  for (const g of Object.values(all.vpnGateways)) {
    const live = liveAttachment(g, now);
    if (live?.vpcId === vpc.id) blockers.push(g.id);
  }
  for (const t of Object.values(all.routeTables)) if (t.vpcId === vpc.id && !t.main) blockers.push(t.id);
  for (const n of Object.values(all.natGateways)) {
    // Deleted NAT gateways still hold the VPC until their network interface is released.
    if (n.vpcId === vpc.id && natInterfaceLingers(n, config, now)) blockers.push(n.networkInterfaceId);
  }
  if (blockers.length > 0)
    throw dependencyViolation(
      `The vpc '${vpc.id}' has dependencies and cannot be deleted (${blockers.join(", ")}).`,
    );
  for (const t of Object.values(all.routeTables)) if (t.vpcId === vpc.id) delete all.routeTables[t.id];
  delete all.vpcs[vpc.id];
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
    availabilityZoneId: zoneId(s.availabilityZone),
    defaultForAz: s.defaultForAz === true,
    mapPublicIpOnLaunch: s.defaultForAz === true,
    ownerId: OWNER_ID,
    tagSet: tagSet(s.tags),
  };
};

export const createSubnet: Handler = ({ region, all, regionName, params, now, config }) => {
  const vpc = requireVpc(region, params.required("VpcId"));
  const text = params.required("CidrBlock");
  const cidr = cidrParam(text, "InvalidSubnet.Range");
  const vpcCidr = parseCidr(vpc.cidrBlock);
  if (!vpcCidr || !contains(vpcCidr, cidr))
    throw new Ec2Error("InvalidSubnet.Range", `The CIDR '${text}' is invalid.`);
  for (const other of Object.values(all.subnets)) {
    const otherCidr = parseCidr(other.cidrBlock);
    if (other.vpcId === vpc.id && otherCidr && overlaps(otherCidr, cidr))
      throw new Ec2Error("InvalidSubnet.Conflict", `The CIDR '${text}' conflicts with another subnet`);
  }
  // Without a zone AWS picks one; the emulator picks the first, which a caller must not rely on.
  const zones = zonesOf(regionName);
  const az = params.str("AvailabilityZone") ?? zones[0] ?? `${regionName}a`;
  if (!zones.includes(az))
    throw invalidValue(
      `Value (${az}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(", ")}.`,
    );
  const tags = tagsFromSpecifications(params, "subnet");
  const subnet: Subnet = {
    id: newId("subnet"),
    vpcId: vpc.id,
    cidrBlock: text,
    availabilityZone: az,
    tags,
    createdAt: now,
    ...visible(config, now),
  };
  all.subnets[subnet.id] = subnet;
  return { subnet: subnetXml(subnet, region) };
};

export const describeSubnets: Handler = ({ region, params }) => {
  const items = describeTagged(params, region.subnets, "SubnetId", {
    "subnet-id": (s) => s.id,
    "vpc-id": (s) => s.vpcId,
    "cidr-block": (s) => s.cidrBlock,
    cidr: (s) => s.cidrBlock,
    cidrBlock: (s) => s.cidrBlock,
    "availability-zone": (s) => s.availabilityZone,
    availabilityZone: (s) => s.availabilityZone,
    state: () => "available",
    "default-for-az": (s) => s.defaultForAz === true,
    "owner-id": () => OWNER_ID,
  });
  const { page, nextToken } = paginate(items, params);
  return { subnetSet: page.map((s) => subnetXml(s, region)), nextToken };
};

export const deleteSubnet: Handler = ({ region, all, params, now, config }) => {
  const subnet = requireSubnet(region, params.required("SubnetId"));
  // A NAT gateway's interface lives in the subnet until AWS releases it, minutes after `deleted`.
  const nat = Object.values(all.natGateways).find(
    (n) => n.subnetId === subnet.id && natInterfaceLingers(n, config, now),
  );
  if (nat)
    throw dependencyViolation(
      `The subnet '${subnet.id}' has dependencies and cannot be deleted (${nat.networkInterfaceId}).`,
    );
  for (const table of Object.values(all.routeTables)) {
    table.associations = table.associations.filter((a) => a.subnetId !== subnet.id);
  }
  delete all.subnets[subnet.id];
  return { return: true };
};

const igwXml = (g: InternetGateway): XmlObject => ({
  internetGatewayId: g.id,
  ownerId: OWNER_ID,
  // An attached internet gateway reports attachment state "available" on AWS, not "attached".
  attachmentSet: g.attachedVpcId ? [{ vpcId: g.attachedVpcId, state: "available" }] : [],
  tagSet: tagSet(g.tags),
});

export const createInternetGateway: Handler = ({ all, params, now, config }) => {
  const tags = tagsFromSpecifications(params, "internet-gateway");
  // The default VPC's gateway counts, as on AWS.
  if (Object.keys(all.internetGateways).length >= config.quotas.internetGateways)
    throw new Ec2Error(
      "InternetGatewayLimitExceeded",
      `The maximum number of internet gateways (${config.quotas.internetGateways}) has been reached.`,
    );
  const igw: InternetGateway = { id: newId("igw"), tags, createdAt: now, ...visible(config, now) };
  all.internetGateways[igw.id] = igw;
  return { internetGateway: igwXml(igw) };
};

export const attachInternetGateway: Handler = ({ region, all, params }) => {
  const igw = requireIgw(region, params.required("InternetGatewayId"));
  const vpc = requireVpc(region, params.required("VpcId"));
  if (igw.attachedVpcId)
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `resource ${igw.id} is already attached to network ${igw.attachedVpcId}`,
    );
  const other = Object.values(all.internetGateways).find((g) => g.attachedVpcId === vpc.id);
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
  const items = describeTagged(params, region.internetGateways, "InternetGatewayId", {
    "internet-gateway-id": (g) => g.id,
    "attachment.vpc-id": (g) => g.attachedVpcId,
    "attachment.state": (g) => (g.attachedVpcId ? "available" : undefined),
    "owner-id": () => OWNER_ID,
  });
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
