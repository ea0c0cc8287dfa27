import { randomInt } from "node:crypto";
import { formatIpv4, parseCidr } from "./cidr";
import { clientTokenCall } from "./client-token";
import type { Handler } from "./context";
import { takeNatFailure } from "./faults";
import { describeTagged, paginate, tagSet } from "./filters";
import { natState } from "./lifecycle";
import type { Address, NatGateway, RegionState } from "./model";
import { Ec2Error, invalidValue, missing, notFound } from "./protocol/errors";
import type { XmlObject } from "./protocol/xml";
import { allocatePublicIp, newId } from "./store";
import { tagsFromSpecifications } from "./tags";
import { requireSubnet, visible } from "./vpc";

/** The NAT gateway currently holding an address: anything not yet deleted (or failed). */
export function natHolding(region: RegionState, allocationId: string, now: number): NatGateway | undefined {
  return Object.values(region.natGateways).find(
    (n) => n.allocationId === allocationId && !["deleted", "failed"].includes(natState(n, now)),
  );
}

function addressXml(region: RegionState, a: Address, now: number): XmlObject {
  const nat = natHolding(region, a.allocationId, now);
  return {
    publicIp: a.publicIp,
    allocationId: a.allocationId,
    domain: "vpc",
    associationId: nat?.associationId,
    networkInterfaceId: nat?.networkInterfaceId,
    networkInterfaceOwnerId: nat ? "amazon-elb" : undefined,
    privateIpAddress: nat?.privateIp,
    publicIpv4Pool: "amazon",
    networkBorderGroup: undefined,
    tagSet: tagSet(a.tags),
  };
}

export const allocateAddress: Handler = ({ all, regionName, params, now, config }) => {
  const domain = params.str("Domain") ?? "vpc";
  if (domain !== "vpc")
    throw invalidValue(`Value (${domain}) for parameter domain is invalid. Only 'vpc' is supported.`);
  const tags = tagsFromSpecifications(params, "elastic-ip");
  if (Object.keys(all.addresses).length >= config.quotas.elasticIps)
    throw new Ec2Error("AddressLimitExceeded", "The maximum number of addresses has been reached.");
  const publicIp = allocatePublicIp(all);
  if (!publicIp)
    throw new Ec2Error("AddressLimitExceeded", "The maximum number of addresses has been reached.");
  const address: Address = {
    allocationId: newId("eipalloc"),
    publicIp,
    tags,
    createdAt: now,
    ...visible(config, now),
  };
  all.addresses[address.allocationId] = address;
  return {
    publicIp,
    allocationId: address.allocationId,
    domain: "vpc",
    publicIpv4Pool: "amazon",
    networkBorderGroup: regionName,
  };
};

export const describeAddresses: Handler = ({ region, params, now }) => {
  const publicIps = params.list("PublicIp");
  for (const ip of publicIps) {
    if (!Object.values(region.addresses).some((a) => a.publicIp === ip))
      throw notFound("InvalidAddress.NotFound", `Address '${ip}' not found.`);
  }
  let items = describeTagged(params, region.addresses, "AllocationId", {
    "allocation-id": (a) => a.allocationId,
    "public-ip": (a) => a.publicIp,
    domain: () => "vpc",
    "association-id": (a) => natHolding(region, a.allocationId, now)?.associationId,
    "network-interface-id": (a) => natHolding(region, a.allocationId, now)?.networkInterfaceId,
    "private-ip-address": (a) => natHolding(region, a.allocationId, now)?.privateIp,
  });
  if (publicIps.length > 0) items = items.filter((a) => publicIps.includes(a.publicIp));
  return { addressesSet: items.map((a) => addressXml(region, a, now)) };
};

export const releaseAddress: Handler = ({ region, all, params, now }) => {
  const allocationId = params.str("AllocationId");
  const publicIp = params.str("PublicIp");
  let address: Address | undefined;
  if (allocationId) {
    address = region.addresses[allocationId];
    if (!address)
      throw notFound("InvalidAllocationID.NotFound", `The allocation ID '${allocationId}' does not exist`);
  } else if (publicIp) {
    address = Object.values(region.addresses).find((a) => a.publicIp === publicIp);
    if (!address) throw notFound("InvalidAddress.NotFound", `Address '${publicIp}' not found.`);
  } else {
    throw missing("AllocationId");
  }
  // A NAT gateway keeps its address until it reaches `deleted`; releasing before that fails on AWS.
  if (natHolding(all, address.allocationId, now))
    throw new Ec2Error("InvalidIPAddress.InUse", `Address ${address.publicIp} is in use.`);
  delete region.addresses[address.allocationId];
  return { return: true };
};

function natXml(nat: NatGateway, now: number): XmlObject {
  const state = natState(nat, now);
  const associated = state === "available" || state === "pending" || state === "deleting";
  return {
    natGatewayId: nat.id,
    vpcId: nat.vpcId,
    subnetId: nat.subnetId,
    state,
    connectivityType: nat.connectivityType,
    createTime: new Date(nat.createdAt),
    deleteTime: nat.deletedAt !== undefined && state === "deleted" ? new Date(nat.deletedAt) : undefined,
    failureCode: state === "failed" ? nat.failure?.code : undefined,
    failureMessage: state === "failed" ? nat.failure?.message : undefined,
    natGatewayAddressSet: [
      {
        allocationId: nat.allocationId,
        networkInterfaceId: nat.networkInterfaceId,
        privateIp: nat.privateIp,
        publicIp: nat.publicIp,
        associationId: associated ? nat.associationId : undefined,
        isPrimary: true,
        status:
          state === "pending"
            ? "associating"
            : state === "deleting"
              ? "disassociating"
              : associated
                ? "succeeded"
                : "disassociated",
      },
    ],
    tagSet: tagSet(nat.tags),
  };
}

export const createNatGateway: Handler = ({ region, all, params, now, config }) => {
  const { clientToken, fingerprint, earlier } = clientTokenCall(params, all.natGateways);
  if (earlier) return { clientToken, natGateway: natXml(earlier, now) };
  const subnetId = params.required("SubnetId");
  const allocationId = params.str("AllocationId");
  const subnet = requireSubnet(region, subnetId);
  const connectivityType = params.str("ConnectivityType") ?? "public";
  if (connectivityType !== "public")
    throw invalidValue("Only public NAT gateways are supported by this emulator.");
  if (!allocationId) throw missing("AllocationId");
  const address = region.addresses[allocationId];
  if (!address)
    throw notFound("InvalidAllocationID.NotFound", `The allocation ID '${allocationId}' does not exist`);
  if (natHolding(all, allocationId, now))
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `Elastic IP address [${allocationId}] is already associated`,
    );
  const tags = tagsFromSpecifications(params, "natgateway");
  // The quota is per availability zone; pending, available and deleting gateways count.
  const inZone = Object.values(all.natGateways).filter(
    (n) =>
      all.subnets[n.subnetId]?.availabilityZone === subnet.availabilityZone &&
      ["pending", "available", "deleting"].includes(natState(n, now)),
  );
  if (inZone.length >= config.quotas.natGatewaysPerAz)
    throw new Ec2Error(
      "NatGatewayLimitExceeded",
      `The maximum number of NAT gateways (${config.quotas.natGatewaysPerAz}) in ${subnet.availabilityZone} has been reached.`,
    );
  const cidr = parseCidr(subnet.cidrBlock);
  const privateIp = cidr
    ? formatIpv4(cidr.base + 4 + randomInt(Math.max(1, 2 ** (32 - cidr.prefix) - 6)))
    : "10.0.0.10";
  // Without an internet gateway AWS accepts the call and the NAT gateway ends up `failed`.
  const hasIgw = Object.values(all.internetGateways).some((g) => g.attachedVpcId === subnet.vpcId);
  const injected = takeNatFailure(config);
  const nat: NatGateway = {
    id: newId("nat"),
    vpcId: subnet.vpcId,
    subnetId: subnet.id,
    allocationId,
    publicIp: address.publicIp,
    privateIp,
    networkInterfaceId: newId("eni"),
    associationId: newId("eipassoc"),
    connectivityType,
    ...(clientToken ? { clientToken } : {}),
    requestFingerprint: fingerprint,
    tags,
    createdAt: now,
    ...visible(config, now),
    availableAt: now + config.delays.natAvailableMs,
    ...(hasIgw
      ? injected
        ? { failure: injected }
        : {}
      : {
          failure: {
            code: "Gateway.NotAttached",
            message: `Network ${subnet.vpcId} has no Internet gateway attached`,
          },
        }),
  };
  all.natGateways[nat.id] = nat;
  return { clientToken, natGateway: natXml(nat, now) };
};

export const describeNatGateways: Handler = ({ region, params, now }) => {
  const items = describeTagged(
    params,
    region.natGateways,
    "NatGatewayId",
    {
      "nat-gateway-id": (n) => n.id,
      state: (n) => natState(n, now),
      "subnet-id": (n) => n.subnetId,
      "vpc-id": (n) => n.vpcId,
    },
    { notFoundCode: "NatGatewayNotFound", noun: "NAT gateway" },
  );
  const { page, nextToken } = paginate(items, params);
  return { natGatewaySet: page.map((n) => natXml(n, now)), nextToken };
};

export const deleteNatGateway: Handler = ({ region, params, now, config }) => {
  const id = params.required("NatGatewayId");
  const nat = region.natGateways[id];
  if (!nat) throw notFound("NatGatewayNotFound", `NAT gateway ${id} was not found`);
  const state = natState(nat, now);
  if (state === "failed") {
    nat.deleteRequestedAt = now;
    nat.deletedAt = now;
  } else if (nat.deleteRequestedAt === undefined) {
    nat.deleteRequestedAt = now;
    nat.deletedAt = now + config.delays.natDeletedMs;
  }
  return { natGatewayId: nat.id };
};
