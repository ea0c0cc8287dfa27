import { parseIpv4 } from "./cidr";
import type { Handler } from "./context";
import { describeTagged, tagSet } from "./filters";
import { attachmentState, liveAttachment, vgwState, vpnState } from "./lifecycle";
import type { CustomerGateway, RegionState, VpnGateway } from "./model";
import { dependencyViolation, Ec2Error, incorrectState, invalidValue, notFound } from "./protocol/errors";
import type { XmlObject } from "./protocol/xml";
import { newId } from "./store";
import { tagsFromSpecifications } from "./tags";
import { requireVpc, visible } from "./vpc";

/** Deleted gateways stay visible (state `deleting`, then `deleted`) but can no longer be used. */
export function requireVgw(region: RegionState, id: string, usable = true): VpnGateway {
  const vgw = region.vpnGateways[id];
  if (!vgw || (usable && (vgw.deleteRequestedAt !== undefined || vgw.deletedAt !== undefined)))
    throw notFound("InvalidVpnGatewayID.NotFound", `The vpnGateway ID '${id}' does not exist`);
  return vgw;
}

export function requireCgw(region: RegionState, id: string, usable = true): CustomerGateway {
  const cgw = region.customerGateways[id];
  if (!cgw || (usable && cgw.deletedAt !== undefined))
    throw notFound("InvalidCustomerGatewayID.NotFound", `The customerGateway ID '${id}' does not exist`);
  return cgw;
}

const liveVpnsUsing = (
  region: RegionState,
  now: number,
  pick: (vpn: { customerGatewayId: string; vpnGatewayId: string }) => string,
  id: string,
) => Object.values(region.vpnConnections).filter((v) => pick(v) === id && vpnState(v, now) !== "deleted");

function vgwXml(vgw: VpnGateway, now: number): XmlObject {
  return {
    vpnGatewayId: vgw.id,
    state: vgwState(vgw, now),
    type: vgw.type,
    availabilityZone: vgw.availabilityZone,
    amazonSideAsn: vgw.amazonSideAsn,
    attachments: vgw.attachments.map((a) => ({ vpcId: a.vpcId, state: attachmentState(a, now) })),
    tagSet: tagSet(vgw.tags),
  };
}

const isPrivateAsn = (asn: number): boolean =>
  (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);

export const createVpnGateway: Handler = ({ all, params, now, config }) => {
  const type = params.required("Type");
  if (type !== "ipsec.1")
    throw invalidValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
  const asn = params.int("AmazonSideAsn") ?? 64512;
  if (!isPrivateAsn(asn))
    throw new Ec2Error(
      "InvalidParameterValue",
      `The Amazon side ASN '${asn}' is invalid. Use a private ASN in the 64512-65534 or 4200000000-4294967294 range.`,
    );
  const tags = tagsFromSpecifications(params, "vpn-gateway");
  const live = Object.values(all.vpnGateways).filter((g) => vgwState(g, now) !== "deleted");
  if (live.length >= config.quotas.vpnGateways)
    throw new Ec2Error(
      "VpnGatewayLimitExceeded",
      `You have reached the limit of ${config.quotas.vpnGateways} virtual private gateways for this region.`,
    );
  const availabilityZone = params.str("AvailabilityZone");
  const vgw: VpnGateway = {
    id: newId("vgw"),
    type,
    amazonSideAsn: asn,
    ...(availabilityZone ? { availabilityZone } : {}),
    attachments: [],
    tags,
    createdAt: now,
    ...visible(config, now),
    availableAt: now + config.delays.vgwPendingMs,
  };
  all.vpnGateways[vgw.id] = vgw;
  return { vpnGateway: vgwXml(vgw, now) };
};

export const attachVpnGateway: Handler = ({ region, all, params, now, config }) => {
  const vgw = requireVgw(region, params.required("VpnGatewayId"));
  const vpc = requireVpc(region, params.required("VpcId"));
  const state = vgwState(vgw, now);
  if (state !== "available")
    throw incorrectState(
      `The virtual private gateway '${vgw.id}' is ${state}; it must be available to attach.`,
    );
  const live = liveAttachment(vgw, now);
  if (live) {
    // Re-attaching to the same VPC answers with the current attachment, which keeps retries simple.
    if (live.vpcId === vpc.id && live.detachRequestedAt === undefined)
      return { attachment: { vpcId: vpc.id, state: attachmentState(live, now) } };
    throw new Ec2Error(
      "VpnGatewayAttachmentLimitExceeded",
      `The virtual private gateway ${vgw.id} is already attached to a VPC (${live.vpcId}).`,
    );
  }
  const other = Object.values(all.vpnGateways).find(
    (g) => g.id !== vgw.id && liveAttachment(g, now)?.vpcId === vpc.id,
  );
  if (other)
    throw new Ec2Error(
      "InvalidVpcState",
      `The VPC ${vpc.id} already has a virtual private gateway attached (${other.id}).`,
    );
  const attachment = { vpcId: vpc.id, attachedAt: now + config.delays.vgwAttachMs };
  vgw.attachments.push(attachment);
  return { attachment: { vpcId: vpc.id, state: attachmentState(attachment, now) } };
};

export const detachVpnGateway: Handler = ({ region, params, now, config }) => {
  const vgw = requireVgw(region, params.required("VpnGatewayId"));
  const vpcId = params.required("VpcId");
  requireVpc(region, vpcId);
  const live = liveAttachment(vgw, now);
  if (!live || live.vpcId !== vpcId)
    throw notFound(
      "InvalidVpnGatewayAttachment.NotFound",
      `The attachment with vpn gateway ID '${vgw.id}' and vpc ID '${vpcId}' does not exist`,
    );
  if (live.detachRequestedAt === undefined) {
    live.detachRequestedAt = now;
    live.detachedAt = Math.max(now, live.attachedAt) + config.delays.vgwDetachMs;
  }
  return { return: true };
};

export const describeVpnGateways: Handler = ({ region, params, now }) => {
  const items = describeTagged(params, region.vpnGateways, "VpnGatewayId", {
    "vpn-gateway-id": (g) => g.id,
    state: (g) => vgwState(g, now),
    type: (g) => g.type,
    "amazon-side-asn": (g) => g.amazonSideAsn,
    "availability-zone": (g) => g.availabilityZone,
    "attachment.vpc-id": (g) => g.attachments.map((a) => a.vpcId),
    "attachment.state": (g) => g.attachments.map((a) => attachmentState(a, now)),
  });
  return { vpnGatewaySet: items.map((g) => vgwXml(g, now)) };
};

export const deleteVpnGateway: Handler = ({ region, all, params, now, config }) => {
  const vgw = requireVgw(region, params.required("VpnGatewayId"), false);
  if (vgw.deleteRequestedAt !== undefined || vgw.deletedAt !== undefined) return { return: true };
  const live = liveAttachment(vgw, now);
  // AWS answers IncorrectState (not DependencyViolation) while the gateway is attached or detaching.
  if (live)
    throw incorrectState(
      `The virtual private gateway '${vgw.id}' is attached to ${live.vpcId} (${attachmentState(live, now)}); detach it first.`,
    );
  const vpns = liveVpnsUsing(all, now, (v) => v.vpnGatewayId, vgw.id);
  if (vpns.length > 0)
    throw dependencyViolation(
      `The virtual private gateway '${vgw.id}' is used by VPN connection(s) ${vpns.map((v) => v.id).join(", ")}.`,
    );
  vgw.deleteRequestedAt = now;
  vgw.deletedAt = now + config.delays.vgwDeletingMs;
  return { return: true };
};

// --- customer gateways -----------------------------------------------------------------------

/** ASNs Amazon keeps for itself: everywhere, and per region. */
const RESERVED_CUSTOMER_ASNS: Record<number, string | "*"> = {
  7224: "*",
  9059: "eu-west-1",
  10124: "ap-northeast-1",
  17943: "ap-southeast-1",
};

function cgwXml(c: CustomerGateway): XmlObject {
  return {
    customerGatewayId: c.id,
    state: c.deletedAt === undefined ? "available" : "deleted",
    type: c.type,
    ipAddress: c.ipAddress,
    bgpAsn: String(c.bgpAsn),
    bgpAsnExtended: c.bgpAsn > 2147483647 ? String(c.bgpAsn) : undefined,
    deviceName: c.deviceName,
    tagSet: tagSet(c.tags),
  };
}

export const createCustomerGateway: Handler = ({ all, regionName, params, now, config }) => {
  const type = params.required("Type");
  if (type !== "ipsec.1")
    throw invalidValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
  const ip = params.str("IpAddress") ?? params.str("PublicIp");
  if (!ip) throw new Ec2Error("MissingParameter", "The request must contain the parameter ipAddress");
  if (parseIpv4(ip) === undefined)
    throw invalidValue(`Value (${ip}) for parameter ipAddress is invalid. Invalid format.`);
  const short = params.int("BgpAsn");
  const extended = params.str("BgpAsnExtended");
  if (short !== undefined && extended !== undefined)
    throw new Ec2Error("InvalidParameterCombination", "Specify either BgpAsn or BgpAsnExtended, not both.");
  let asn = short ?? 65000;
  if (short !== undefined && (short < 1 || short > 2147483647))
    throw invalidValue(
      `Value (${short}) for parameter BgpAsn is invalid. It must be between 1 and 2147483647; use BgpAsnExtended above that.`,
    );
  if (extended !== undefined) {
    asn = Number(extended);
    if (!/^\d+$/.test(extended) || asn < 2147483648 || asn > 4294967294)
      throw invalidValue(
        `Value (${extended}) for parameter BgpAsnExtended is invalid. It must be between 2147483648 and 4294967294.`,
      );
  }
  const reserved = RESERVED_CUSTOMER_ASNS[asn];
  if (reserved === "*" || reserved === regionName)
    throw invalidValue(`The customer gateway ASN ${asn} is reserved by Amazon in ${regionName}.`);
  const deviceName = params.str("DeviceName");
  // AWS: an identical request (type, IP, ASN, no distinct device name) returns the existing gateway.
  const same = Object.values(all.customerGateways).find(
    (c) =>
      c.deletedAt === undefined &&
      c.type === type &&
      c.ipAddress === ip &&
      c.bgpAsn === asn &&
      c.deviceName === deviceName,
  );
  if (same) return { customerGateway: cgwXml(same) };
  const tags = tagsFromSpecifications(params, "customer-gateway");
  const live = Object.values(all.customerGateways).filter((c) => c.deletedAt === undefined);
  if (live.length >= config.quotas.customerGateways)
    throw new Ec2Error(
      "CustomerGatewayLimitExceeded",
      `You have reached the limit of ${config.quotas.customerGateways} customer gateways for this region.`,
    );
  const cgw: CustomerGateway = {
    id: newId("cgw"),
    type,
    bgpAsn: asn,
    ipAddress: ip,
    ...(deviceName ? { deviceName } : {}),
    tags,
    createdAt: now,
    ...visible(config, now),
  };
  all.customerGateways[cgw.id] = cgw;
  return { customerGateway: cgwXml(cgw) };
};

export const describeCustomerGateways: Handler = ({ region, params }) => {
  const items = describeTagged(params, region.customerGateways, "CustomerGatewayId", {
    "customer-gateway-id": (c) => c.id,
    state: (c) => (c.deletedAt === undefined ? "available" : "deleted"),
    type: (c) => c.type,
    "bgp-asn": (c) => c.bgpAsn,
    "ip-address": (c) => c.ipAddress,
  });
  return { customerGatewaySet: items.map(cgwXml) };
};

export const deleteCustomerGateway: Handler = ({ region, all, params, now }) => {
  const cgw = requireCgw(region, params.required("CustomerGatewayId"), false);
  if (cgw.deletedAt !== undefined) return { return: true };
  const vpns = liveVpnsUsing(all, now, (v) => v.customerGatewayId, cgw.id);
  if (vpns.length > 0)
    throw dependencyViolation(
      `The customer gateway '${cgw.id}' is used by VPN connection(s) ${vpns.map((v) => v.id).join(", ")}.`,
    );
  cgw.deletedAt = now;
  return { return: true };
};
