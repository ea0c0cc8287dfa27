import { parseCidr } from "./cidr";
import type { EmulatorConfig } from "./config";
import { requestFingerprint } from "./consistency";
import type { Handler } from "./context";
import { describeResources, tagSet } from "./filters";
import { requireCgw, requireVgw } from "./gateways";
import { vpnRouteState, vpnState } from "./lifecycle";
import type { CustomerGateway, RegionState, Tunnel, TunnelTelemetry, VpnConnection } from "./model";
import { Ec2Error, invalidValue, notFound } from "./protocol/errors";
import { escapeXml, type XmlObject } from "./protocol/xml";
import { allocatePublicIp, newId } from "./store";
import { tagsFromSpecifications } from "./tags";
import { logOptionsXml } from "./tunnel-log-options";
import { applyTunnelSpec, randomInsideCidr } from "./tunnel-options";
import { visible } from "./vpc";

export function requireVpn(region: RegionState, id: string): VpnConnection {
  const vpn = region.vpnConnections[id];
  if (!vpn) throw notFound("InvalidVpnConnectionID.NotFound", `The vpnConnection ID '${id}' does not exist`);
  return vpn;
}

/** Until someone reports a status, a tunnel is DOWN since the connection became available. */
export function telemetryOf(vpn: VpnConnection, tunnel: Tunnel, now: number): TunnelTelemetry {
  if (tunnel.telemetry) return tunnel.telemetry;
  return {
    status: "DOWN",
    statusMessage: "IPSEC IS DOWN",
    lastStatusChange: now >= vpn.availableAt ? vpn.availableAt : vpn.createdAt,
    acceptedRouteCount: 0,
  };
}

/** A short version of AWS's CustomerGatewayConfiguration document (the portal renders its own). */
function customerGatewayConfiguration(
  vpn: VpnConnection,
  cgw: CustomerGateway | undefined,
  amazonAsn: number | undefined,
): string {
  const tunnels = vpn.tunnels
    .map((t) => {
      const [inside] = t.tunnelInsideCidr.split("/");
      const base = inside?.split(".").map(Number) ?? [169, 254, 0, 0];
      const vgwInside = `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + 1}`;
      const cgwInside = `${base[0]}.${base[1]}.${base[2]}.${(base[3] ?? 0) + 2}`;
      return (
        `<ipsec_tunnel><customer_gateway><tunnel_outside_address><ip_address>${escapeXml(cgw?.ipAddress ?? "")}</ip_address></tunnel_outside_address>` +
        `<tunnel_inside_address><ip_address>${cgwInside}</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr></tunnel_inside_address>` +
        (vpn.staticRoutesOnly ? "" : `<bgp><asn>${cgw?.bgpAsn ?? ""}</asn><hold_time>30</hold_time></bgp>`) +
        `</customer_gateway><vpn_gateway><tunnel_outside_address><ip_address>${t.outsideIpAddress}</ip_address></tunnel_outside_address>` +
        `<tunnel_inside_address><ip_address>${vgwInside}</ip_address><network_mask>255.255.255.252</network_mask><network_cidr>30</network_cidr></tunnel_inside_address>` +
        (vpn.staticRoutesOnly ? "" : `<bgp><asn>${amazonAsn ?? ""}</asn><hold_time>30</hold_time></bgp>`) +
        `</vpn_gateway><ike><pre_shared_key>${escapeXml(t.preSharedKey)}</pre_shared_key><lifetime>${t.phase1LifetimeSeconds}</lifetime></ike>` +
        `<ipsec><lifetime>${t.phase2LifetimeSeconds}</lifetime><dead_peer_detection><interval>10</interval><retries>3</retries></dead_peer_detection>` +
        `<tcp_mss_adjustment>1379</tcp_mss_adjustment></ipsec></ipsec_tunnel>`
      );
    })
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<vpn_connection id="${vpn.id}"><customer_gateway_id>${vpn.customerGatewayId}</customer_gateway_id>` +
    `<vpn_gateway_id>${vpn.vpnGatewayId}</vpn_gateway_id><vpn_connection_type>ipsec.1</vpn_connection_type>${tunnels}</vpn_connection>`
  );
}

export function vpnXml(
  region: RegionState,
  vpn: VpnConnection,
  now: number,
  config: EmulatorConfig,
): XmlObject {
  const state = vpnState(vpn, now);
  const cgw = region.customerGateways[vpn.customerGatewayId];
  const vgw = region.vpnGateways[vpn.vpnGatewayId];
  return {
    vpnConnectionId: vpn.id,
    state,
    customerGatewayConfiguration:
      state === "deleted" ? undefined : customerGatewayConfiguration(vpn, cgw, vgw?.amazonSideAsn),
    customerGatewayId: vpn.customerGatewayId,
    vpnGatewayId: vpn.vpnGatewayId,
    type: vpn.type,
    category: "VPN",
    options: {
      enableAcceleration: false,
      staticRoutesOnly: vpn.staticRoutesOnly,
      localIpv4NetworkCidr: vpn.localIpv4NetworkCidr,
      remoteIpv4NetworkCidr: vpn.remoteIpv4NetworkCidr,
      outsideIpAddressType: "PublicIpv4",
      tunnelInsideIpVersion: vpn.tunnelInsideIpVersion,
      tunnelOptionSet: vpn.tunnels.map((t) => ({
        outsideIpAddress: t.outsideIpAddress,
        tunnelInsideCidr: t.tunnelInsideCidr,
        preSharedKey: t.preSharedKey,
        phase1LifetimeSeconds: t.phase1LifetimeSeconds,
        phase2LifetimeSeconds: t.phase2LifetimeSeconds,
        rekeyMarginTimeSeconds: t.rekeyMarginTimeSeconds,
        rekeyFuzzPercentage: t.rekeyFuzzPercentage,
        replayWindowSize: t.replayWindowSize,
        dpdTimeoutSeconds: t.dpdTimeoutSeconds,
        dpdTimeoutAction: t.dpdTimeoutAction,
        phase1EncryptionAlgorithmSet: t.phase1EncryptionAlgorithms.map((value) => ({ value })),
        phase2EncryptionAlgorithmSet: t.phase2EncryptionAlgorithms.map((value) => ({ value })),
        phase1IntegrityAlgorithmSet: t.phase1IntegrityAlgorithms.map((value) => ({ value })),
        phase2IntegrityAlgorithmSet: t.phase2IntegrityAlgorithms.map((value) => ({ value })),
        phase1DHGroupNumberSet: t.phase1DHGroupNumbers.map((value) => ({ value })),
        phase2DHGroupNumberSet: t.phase2DHGroupNumbers.map((value) => ({ value })),
        ikeVersionSet: t.ikeVersions.map((value) => ({ value })),
        startupAction: t.startupAction,
        enableTunnelLifecycleControl: t.enableTunnelLifecycleControl,
        logOptions: logOptionsXml(t.logOptions),
      })),
    },
    routes: vpn.routes.map((r) => ({
      destinationCidrBlock: r.destinationCidrBlock,
      source: "Static",
      state: vpnRouteState(r.createdAt, vpn, config, now),
    })),
    vgwTelemetry: vpn.tunnels.map((t) => {
      const telemetry = telemetryOf(vpn, t, now);
      return {
        outsideIpAddress: t.outsideIpAddress,
        status: telemetry.status,
        lastStatusChange: new Date(telemetry.lastStatusChange),
        statusMessage: telemetry.statusMessage,
        acceptedRouteCount: telemetry.acceptedRouteCount,
      };
    }),
    tagSet: tagSet(vpn.tags),
  };
}

export const createVpnConnection: Handler = ({ region, all, params, now, config }) => {
  const type = params.required("Type");
  // CreateVpnConnection is idempotent on AWS: an identical call returns the connection it made.
  const fingerprint = requestFingerprint(params);
  const same = Object.values(all.vpnConnections).find(
    (v) => v.requestFingerprint === fingerprint && ["pending", "available"].includes(vpnState(v, now)),
  );
  if (same) return { vpnConnection: vpnXml(all, same, now, config) };
  if (type !== "ipsec.1")
    throw invalidValue(`Value (${type}) for parameter type is invalid. Valid values: ipsec.1`);
  const cgw = requireCgw(region, params.required("CustomerGatewayId"));
  if (params.has("TransitGatewayId"))
    throw invalidValue("Transit gateways are not supported by this emulator; use VpnGatewayId.");
  const vgw = requireVgw(region, params.required("VpnGatewayId"));
  const options = params.sub("Options");
  const staticRoutesOnly = options.bool("StaticRoutesOnly") ?? false;
  const insideVersion = options.str("TunnelInsideIpVersion") ?? "ipv4";
  if (insideVersion !== "ipv4")
    throw invalidValue("Only TunnelInsideIpVersion ipv4 is supported by this emulator.");
  // BGP needs distinct ASNs on both ends; AWS refuses the connection otherwise.
  if (!staticRoutesOnly && cgw.bgpAsn === vgw.amazonSideAsn)
    throw new Ec2Error(
      "AsnConflict",
      `The customer gateway ASN (${cgw.bgpAsn}) must differ from the virtual private gateway's Amazon side ASN (${vgw.amazonSideAsn}).`,
    );

  const specs = options.structList("TunnelOptions");
  if (specs.length > 2)
    throw invalidValue("A VPN connection has exactly two tunnels; at most two TunnelOptions may be given.");
  const settings = [0, 1].map((i) => applyTunnelSpec(specs[i] ?? options.sub("__none__"), undefined));

  // Inside CIDRs must differ between the tunnels and from every live connection on the same VGW.
  const taken = new Set<string>();
  for (const other of Object.values(all.vpnConnections)) {
    if (other.vpnGatewayId === vgw.id && vpnState(other, now) !== "deleted")
      for (const t of other.tunnels) taken.add(t.tunnelInsideCidr);
  }
  const [first, second] = settings;
  if (first?.tunnelInsideCidr && first.tunnelInsideCidr === second?.tunnelInsideCidr)
    throw invalidValue(
      `The tunnel inside CIDR ${first.tunnelInsideCidr} is used for both tunnels; each tunnel needs its own.`,
    );
  for (const s of settings) {
    if (s.tunnelInsideCidr && taken.has(s.tunnelInsideCidr))
      throw new Ec2Error(
        "InvalidCidr.InUse",
        `The inside tunnel CIDR ${s.tunnelInsideCidr} is already in use by another VPN tunnel for ${vgw.id}.`,
      );
  }
  for (const s of settings) if (s.tunnelInsideCidr) taken.add(s.tunnelInsideCidr);
  for (const s of settings) {
    if (!s.tunnelInsideCidr) {
      s.tunnelInsideCidr = randomInsideCidr(taken);
      taken.add(s.tunnelInsideCidr);
    }
  }

  const live = Object.values(all.vpnConnections).filter((v) => vpnState(v, now) !== "deleted");
  if (live.length >= config.quotas.vpnConnections)
    throw new Ec2Error(
      "VpnConnectionLimitExceeded",
      `You have reached the limit of ${config.quotas.vpnConnections} VPN connections for this region.`,
    );
  const onGateway = live.filter((v) => v.vpnGatewayId === vgw.id);
  if (onGateway.length >= config.quotas.vpnConnectionsPerVpnGateway)
    throw new Ec2Error(
      "VpnConnectionLimitExceeded",
      `You have reached the limit of ${config.quotas.vpnConnectionsPerVpnGateway} VPN connections per virtual private gateway (${vgw.id}).`,
    );
  const tags = tagsFromSpecifications(params, "vpn-connection");

  const tunnels: Tunnel[] = [];
  for (const s of settings) {
    const outsideIpAddress = allocatePublicIp(
      all,
      tunnels.map((t) => t.outsideIpAddress),
    );
    if (!outsideIpAddress)
      throw new Ec2Error("InsufficientAddressCapacity", "No public addresses are left in this region.");
    tunnels.push({ ...s, outsideIpAddress });
  }
  const vpn: VpnConnection = {
    id: newId("vpn"),
    type,
    customerGatewayId: cgw.id,
    vpnGatewayId: vgw.id,
    staticRoutesOnly,
    tunnelInsideIpVersion: insideVersion,
    localIpv4NetworkCidr: options.str("LocalIpv4NetworkCidr") ?? "0.0.0.0/0",
    remoteIpv4NetworkCidr: options.str("RemoteIpv4NetworkCidr") ?? "0.0.0.0/0",
    tunnels,
    routes: [],
    tags,
    createdAt: now,
    ...visible(config, now),
    availableAt: now + config.delays.vpnAvailableMs,
    requestFingerprint: fingerprint,
  };
  all.vpnConnections[vpn.id] = vpn;
  return { vpnConnection: vpnXml(all, vpn, now, config) };
};

export const describeVpnConnections: Handler = ({ region, params, now, config }) => {
  // AWS has no MaxResults here: every matching connection comes back in one page.
  const items = describeResources(
    params,
    region.vpnConnections,
    "VpnConnectionId",
    "InvalidVpnConnectionID.NotFound",
    "vpnConnection",
    {
      "vpn-connection-id": (v) => v.id,
      state: (v) => vpnState(v, now),
      type: (v) => v.type,
      "customer-gateway-id": (v) => v.customerGatewayId,
      "vpn-gateway-id": (v) => v.vpnGatewayId,
      "option.static-routes-only": (v) => v.staticRoutesOnly,
      "route.destination-cidr-block": (v) => v.routes.map((r) => r.destinationCidrBlock),
      "bgp-asn": (v) => region.customerGateways[v.customerGatewayId]?.bgpAsn,
      "customer-gateway-configuration": () => undefined,
    },
    (v) => v.tags,
  );
  return { vpnConnectionSet: items.map((v) => vpnXml(region, v, now, config)) };
};

export const deleteVpnConnection: Handler = ({ region, params, now, config }) => {
  const vpn = requireVpn(region, params.required("VpnConnectionId"));
  if (vpn.deleteRequestedAt === undefined) {
    vpn.deleteRequestedAt = now;
    vpn.deletedAt = now + config.delays.vpnDeletedMs;
  }
  return { return: true };
};

/** A tunnel whose AWS endpoint was replaced: DOWN until both sides renegotiate. */
const endpointReplaced = (tunnel: Tunnel, now: number): Tunnel => ({
  ...tunnel,
  telemetry: { status: "DOWN", statusMessage: "IPSEC IS DOWN", lastStatusChange: now, acceptedRouteCount: 0 },
});

/** Routes and tunnel options change only on an `available` connection, as on AWS. */
function requireAvailableVpn(region: RegionState, id: string, now: number): VpnConnection {
  const vpn = requireVpn(region, id);
  const state = vpnState(vpn, now);
  if (state !== "available")
    throw new Ec2Error(
      "InvalidVpnConnection.InvalidState",
      `The VPN connection '${id}' is ${state}; it must be in the available state to complete the request.`,
    );
  return vpn;
}

export const createVpnConnectionRoute: Handler = ({ region, params, now }) => {
  const vpn = requireAvailableVpn(region, params.required("VpnConnectionId"), now);
  const destination = params.required("DestinationCidrBlock");
  if (!parseCidr(destination))
    throw invalidValue(
      `Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`,
    );
  if (!vpn.staticRoutesOnly)
    throw new Ec2Error(
      "InvalidVpnConnection.InvalidType",
      `The VPN connection '${vpn.id}' does not support static routes (StaticRoutesOnly is false).`,
    );
  if (vpn.routes.some((r) => r.destinationCidrBlock === destination))
    throw new Ec2Error("RouteAlreadyExists", `The route identified by ${destination} already exists.`);
  if (vpn.routes.length >= 100)
    throw new Ec2Error("RouteLimitExceeded", "A VPN connection can have at most 100 static routes.");
  vpn.routes.push({ destinationCidrBlock: destination, createdAt: now });
  return { return: true };
};

export const deleteVpnConnectionRoute: Handler = ({ region, params, now }) => {
  const vpn = requireAvailableVpn(region, params.required("VpnConnectionId"), now);
  const destination = params.required("DestinationCidrBlock");
  const index = vpn.routes.findIndex((r) => r.destinationCidrBlock === destination);
  if (index < 0)
    throw notFound("InvalidRoute.NotFound", `The route identified by ${destination} does not exist.`);
  vpn.routes.splice(index, 1);
  return { return: true };
};

/** Changes one tunnel in place: its outside IP (and the other tunnel) stay as they are. */
export const modifyVpnTunnelOptions: Handler = ({ region, params, now, config }) => {
  const vpn = requireAvailableVpn(region, params.required("VpnConnectionId"), now);
  const outsideIp = params.required("VpnTunnelOutsideIpAddress");
  const index = vpn.tunnels.findIndex((t) => t.outsideIpAddress === outsideIp);
  const tunnel = vpn.tunnels[index];
  if (!tunnel)
    throw invalidValue(`The VPN tunnel outside IP address '${outsideIp}' does not belong to ${vpn.id}.`);
  const next = applyTunnelSpec(params.sub("TunnelOptions"), tunnel);
  const other = vpn.tunnels[1 - index];
  if (other && other.tunnelInsideCidr === next.tunnelInsideCidr)
    throw invalidValue(`The tunnel inside CIDR ${next.tunnelInsideCidr} is used by the other tunnel.`);
  vpn.tunnels[index] = { ...next, outsideIpAddress: tunnel.outsideIpAddress };
  // Replacing the tunnel endpoint takes it down, as on AWS.
  if (!params.bool("SkipTunnelReplacement"))
    vpn.tunnels[index] = endpointReplaced(vpn.tunnels[index] as Tunnel, now);
  return { vpnConnection: vpnXml(region, vpn, now, config) };
};

/**
 * Moves the connection to another customer gateway (AWS's "change the customer gateway"): the
 * connection stays `available` (AWS's VpnState has no modifying state) and keeps its outside IPs,
 * while both tunnels are unavailable until they renegotiate with the new gateway, as on AWS.
 * Moving to the gateway it already has answers with the connection unchanged.
 */
export const modifyVpnConnection: Handler = ({ region, params, now, config }) => {
  const vpn = requireAvailableVpn(region, params.required("VpnConnectionId"), now);
  if (params.has("VpnGatewayId") || params.has("TransitGatewayId"))
    throw invalidValue(
      "Changing the target gateway is not supported by this emulator; change the CustomerGatewayId.",
    );
  const cgwId = params.str("CustomerGatewayId");
  if (!cgwId)
    throw new Ec2Error(
      "MissingParameter",
      "The request must contain one of the parameters customerGatewayId, vpnGatewayId or transitGatewayId",
    );
  const cgw = requireCgw(region, cgwId);
  if (cgw.id === vpn.customerGatewayId) return { vpnConnection: vpnXml(region, vpn, now, config) };
  const current = region.customerGateways[vpn.customerGatewayId];
  if (current && cgw.type !== current.type)
    throw invalidValue(
      `The customer gateway '${cgw.id}' is of type ${cgw.type}; the VPN connection '${vpn.id}' needs a customer gateway of type ${current.type}.`,
    );
  if (!vpn.staticRoutesOnly && current && cgw.bgpAsn !== current.bgpAsn)
    throw invalidValue(
      `The customer gateway '${cgw.id}' has BGP ASN ${cgw.bgpAsn}; the BGP VPN connection '${vpn.id}' uses ASN ${current.bgpAsn}. Create a customer gateway with the same ASN.`,
    );
  const vgw = region.vpnGateways[vpn.vpnGatewayId];
  if (!vpn.staticRoutesOnly && vgw && cgw.bgpAsn === vgw.amazonSideAsn)
    throw new Ec2Error(
      "AsnConflict",
      `The customer gateway ASN (${cgw.bgpAsn}) must differ from the virtual private gateway's Amazon side ASN (${vgw.amazonSideAsn}).`,
    );
  vpn.customerGatewayId = cgw.id;
  // New tunnel endpoints for the new peer: both tunnels go down until they renegotiate.
  vpn.tunnels = vpn.tunnels.map((tunnel) => endpointReplaced(tunnel, now));
  return { vpnConnection: vpnXml(region, vpn, now, config) };
};
