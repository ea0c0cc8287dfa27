import { parseCidr } from "./cidr";
import { clientTokenCall } from "./client-token";
import type { EmulatorConfig } from "./config";
import type { Handler } from "./context";
import { describeTagged, paginate, tagSet } from "./filters";
import { liveAttachment, natState, vpnRouteState, vpnState } from "./lifecycle";
import { OWNER_ID, type RegionState, type Route, type RouteTable } from "./model";
import { dependencyViolation, Ec2Error, invalidValue, notFound } from "./protocol/errors";
import type { XmlObject } from "./protocol/xml";
import { newId } from "./store";
import { tagsFromSpecifications } from "./tags";
import { requireSubnet, requireVpc, visible } from "./vpc";

function requireTable(region: RegionState, id: string): RouteTable {
  const table = region.routeTables[id];
  if (!table) throw notFound("InvalidRouteTableID.NotFound", `The routeTable ID '${id}' does not exist`);
  return table;
}

/** A route whose target went away stays listed as `blackhole`, as on AWS. */
function routeState(
  region: RegionState,
  table: RouteTable,
  route: Route,
  now: number,
): "active" | "blackhole" {
  if (route.gatewayId === "local") return "active";
  if (route.natGatewayId) {
    const nat = region.natGateways[route.natGatewayId];
    return nat && natState(nat, now) === "available" ? "active" : "blackhole";
  }
  if (route.gatewayId?.startsWith("igw-")) {
    return region.internetGateways[route.gatewayId]?.attachedVpcId === table.vpcId ? "active" : "blackhole";
  }
  if (route.gatewayId?.startsWith("vgw-")) {
    const vgw = region.vpnGateways[route.gatewayId];
    return vgw && liveAttachment(vgw, now)?.vpcId === table.vpcId ? "active" : "blackhole";
  }
  return "blackhole";
}

/** Routes a propagating VGW contributes: the static routes of its available VPN connections. */
function propagatedRoutes(
  region: RegionState,
  table: RouteTable,
  now: number,
  config: EmulatorConfig,
): XmlObject[] {
  const out: XmlObject[] = [];
  for (const vgwId of table.propagatingVgws) {
    const vgw = region.vpnGateways[vgwId];
    if (!vgw || liveAttachment(vgw, now)?.vpcId !== table.vpcId) continue;
    for (const vpn of Object.values(region.vpnConnections)) {
      if (vpn.vpnGatewayId !== vgwId || vpnState(vpn, now) !== "available") continue;
      for (const r of vpn.routes) {
        if (vpnRouteState(r.createdAt, vpn, config, now) !== "available") continue;
        out.push({
          destinationCidrBlock: r.destinationCidrBlock,
          gatewayId: vgwId,
          origin: "EnableVgwRoutePropagation",
          state: "active",
        });
      }
    }
  }
  return out;
}

function tableXml(region: RegionState, table: RouteTable, now: number, config: EmulatorConfig): XmlObject {
  return {
    routeTableId: table.id,
    vpcId: table.vpcId,
    ownerId: OWNER_ID,
    routeSet: [
      ...table.routes.map((r) => ({
        destinationCidrBlock: r.destinationCidrBlock,
        gatewayId: r.gatewayId,
        natGatewayId: r.natGatewayId,
        state: routeState(region, table, r, now),
        origin: r.origin,
      })),
      ...propagatedRoutes(region, table, now, config),
    ],
    associationSet: table.associations.map((a) => ({
      routeTableAssociationId: a.id,
      routeTableId: table.id,
      subnetId: a.subnetId,
      gatewayId: a.gatewayId,
      main: a.main,
      associationState: { state: "associated" },
    })),
    propagatingVgwSet: table.propagatingVgws.map((gatewayId) => ({ gatewayId })),
    tagSet: tagSet(table.tags),
  };
}

export const createRouteTable: Handler = ({ region, all, params, now, config }) => {
  const { clientToken, fingerprint, earlier } = clientTokenCall(params, all.routeTables);
  if (earlier) return { routeTable: tableXml(all, earlier, now, config), clientToken };
  const vpc = requireVpc(region, params.required("VpcId"));
  const table: RouteTable = {
    id: newId("rtb"),
    vpcId: vpc.id,
    main: false,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: "local", origin: "CreateRouteTable" }],
    associations: [],
    propagatingVgws: [],
    ...(clientToken ? { clientToken } : {}),
    requestFingerprint: fingerprint,
    tags: tagsFromSpecifications(params, "route-table"),
    createdAt: now,
    ...visible(config, now),
  };
  all.routeTables[table.id] = table;
  return { routeTable: tableXml(all, table, now, config), clientToken };
};

export const describeRouteTables: Handler = ({ region, params, now, config }) => {
  const items = describeTagged(params, region.routeTables, "RouteTableId", {
    "route-table-id": (t) => t.id,
    "vpc-id": (t) => t.vpcId,
    "association.main": (t) => t.associations.some((a) => a.main),
    "association.subnet-id": (t) => t.associations.map((a) => a.subnetId),
    "association.gateway-id": (t) => t.associations.map((a) => a.gatewayId),
    "association.route-table-association-id": (t) => t.associations.map((a) => a.id),
    "association.route-table-id": (t) => (t.associations.length > 0 ? t.id : undefined),
    "route.destination-cidr-block": (t) => t.routes.map((r) => r.destinationCidrBlock),
    "route.gateway-id": (t) => t.routes.map((r) => r.gatewayId),
    "route.nat-gateway-id": (t) => t.routes.map((r) => r.natGatewayId),
    "route.origin": (t) => t.routes.map((r) => r.origin),
    "route.state": (t) => t.routes.map((r) => routeState(region, t, r, now)),
    "owner-id": () => OWNER_ID,
  });
  const { page, nextToken } = paginate(items, params);
  return { routeTableSet: page.map((t) => tableXml(region, t, now, config)), nextToken };
};

export const deleteRouteTable: Handler = ({ region, params }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  if (table.main || table.associations.length > 0)
    throw dependencyViolation(`The routeTable '${table.id}' has dependencies and cannot be deleted.`);
  delete region.routeTables[table.id];
  return { return: true };
};

export const createRoute: Handler = ({ region, params, now }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  const destination = params.required("DestinationCidrBlock");
  if (!parseCidr(destination))
    throw invalidValue(
      `Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`,
    );
  const gatewayId = params.str("GatewayId");
  const natGatewayId = params.str("NatGatewayId");
  if ((gatewayId ? 1 : 0) + (natGatewayId ? 1 : 0) !== 1)
    throw new Ec2Error(
      "InvalidParameterCombination",
      "The parameter combination is not valid: specify exactly one route target (GatewayId or NatGatewayId).",
    );
  if (gatewayId?.startsWith("igw-")) {
    const igw = region.internetGateways[gatewayId];
    if (!igw)
      throw notFound(
        "InvalidInternetGatewayID.NotFound",
        `The internetGateway ID '${gatewayId}' does not exist`,
      );
    if (igw.attachedVpcId !== table.vpcId)
      throw invalidValue(
        `route table ${table.id} and network gateway ${gatewayId} belong to different networks`,
      );
  } else if (gatewayId?.startsWith("vgw-")) {
    const vgw = region.vpnGateways[gatewayId];
    if (!vgw || vgw.deleteRequestedAt !== undefined || vgw.deletedAt !== undefined)
      throw notFound("InvalidVpnGatewayID.NotFound", `The vpnGateway ID '${gatewayId}' does not exist`);
    if (liveAttachment(vgw, now)?.vpcId !== table.vpcId)
      throw invalidValue(
        `route table ${table.id} and network gateway ${gatewayId} belong to different networks`,
      );
  } else if (gatewayId) {
    throw new Ec2Error("InvalidGatewayID.NotFound", `The gateway ID '${gatewayId}' does not exist`);
  }
  if (natGatewayId) {
    const nat = region.natGateways[natGatewayId];
    if (!nat || ["deleted", "deleting", "failed"].includes(natState(nat, now)))
      throw notFound("InvalidNatGatewayID.NotFound", `The nat gateway ID '${natGatewayId}' does not exist`);
    if (nat.vpcId !== table.vpcId)
      throw invalidValue(
        `route table ${table.id} and NAT gateway ${natGatewayId} belong to different networks`,
      );
  }
  const existing = table.routes.find((r) => r.destinationCidrBlock === destination);
  if (existing) {
    // Same target again is harmless on AWS; a different target is a conflict.
    if (existing.gatewayId === gatewayId && existing.natGatewayId === natGatewayId) return { return: true };
    throw new Ec2Error("RouteAlreadyExists", `The route identified by ${destination} already exists.`);
  }
  table.routes.push({
    destinationCidrBlock: destination,
    ...(gatewayId ? { gatewayId } : {}),
    ...(natGatewayId ? { natGatewayId } : {}),
    origin: "CreateRoute",
  });
  return { return: true };
};

export const deleteRoute: Handler = ({ region, params }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  const destination = params.required("DestinationCidrBlock");
  const index = table.routes.findIndex((r) => r.destinationCidrBlock === destination);
  if (index < 0)
    throw notFound(
      "InvalidRoute.NotFound",
      `no route with destination-cidr-block ${destination} in route table ${table.id}`,
    );
  if (table.routes[index]?.gatewayId === "local")
    throw invalidValue(`cannot remove local route ${destination} in route table ${table.id}`);
  table.routes.splice(index, 1);
  return { return: true };
};

export const associateRouteTable: Handler = ({ region, params }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  const subnetId = params.str("SubnetId");
  if (!subnetId)
    throw new Ec2Error("MissingParameter", "The request must contain the parameter SubnetId or GatewayId");
  const subnet = requireSubnet(region, subnetId);
  if (subnet.vpcId !== table.vpcId)
    throw invalidValue(`Route table ${table.id} and subnet ${subnet.id} belong to different networks.`);
  for (const other of Object.values(region.routeTables)) {
    const assoc = other.associations.find((a) => a.subnetId === subnet.id);
    if (!assoc) continue;
    if (other.id === table.id) return { associationId: assoc.id, associationState: { state: "associated" } };
    throw new Ec2Error(
      "Resource.AlreadyAssociated",
      `the specified association for route table ${other.id} conflicts with an existing association`,
    );
  }
  const association = { id: newId("rtbassoc"), subnetId: subnet.id, main: false };
  table.associations.push(association);
  return { associationId: association.id, associationState: { state: "associated" } };
};

export const disassociateRouteTable: Handler = ({ region, params }) => {
  const id = params.required("AssociationId");
  for (const table of Object.values(region.routeTables)) {
    const index = table.associations.findIndex((a) => a.id === id);
    if (index < 0) continue;
    if (table.associations[index]?.main)
      throw invalidValue(`cannot disassociate the main route table association ${id}`);
    table.associations.splice(index, 1);
    return { return: true };
  }
  throw notFound("InvalidAssociationID.NotFound", `The association ID '${id}' does not exist`);
};

export const enableVgwRoutePropagation: Handler = ({ region, params, now }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  const gatewayId = params.required("GatewayId");
  const vgw = region.vpnGateways[gatewayId];
  if (!vgw || vgw.deleteRequestedAt !== undefined || vgw.deletedAt !== undefined)
    throw notFound("InvalidVpnGatewayID.NotFound", `The vpnGateway ID '${gatewayId}' does not exist`);
  if (liveAttachment(vgw, now)?.vpcId !== table.vpcId)
    throw new Ec2Error(
      "Gateway.NotAttached",
      `resource ${gatewayId} is not attached to network ${table.vpcId}`,
    );
  if (!table.propagatingVgws.includes(gatewayId)) table.propagatingVgws.push(gatewayId);
  return { return: true };
};

export const disableVgwRoutePropagation: Handler = ({ region, params }) => {
  const table = requireTable(region, params.required("RouteTableId"));
  const gatewayId = params.required("GatewayId");
  if (!gatewayId.startsWith("vgw-"))
    throw notFound("InvalidVpnGatewayID.NotFound", `The vpnGateway ID '${gatewayId}' does not exist`);
  table.propagatingVgws = table.propagatingVgws.filter((g) => g !== gatewayId);
  return { return: true };
};
