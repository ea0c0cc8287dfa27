// The Vyatta `set` syntax VyOS and EdgeOS share (EdgeOS is a Vyatta fork, VyOS its open successor):
// IKE/ESP groups, VTI interfaces, the routing part (BGP route maps and neighbours, or the renderer's
// static routes) and its verification. Each renderer passes its dialect
// (quoting and the BGP layout) and writes the lines the two do differently itself.
import type { BgpPeer, BgpPlan, ConfigModel, RoutingPart, TunnelView } from "./render-kit";
import { ifNumber, planBgp } from "./render-kit";

export type VyattaDialect = {
  /** Around a value: VyOS 1.4 quotes every value ('1399'), EdgeOS writes them bare. */
  valueQuote: "'" | "";
  /** Around free text (descriptions, AS paths): VyOS '…', EdgeOS "…". */
  textQuote: "'" | '"';
  /** The route-map action that prepends the AS path. */
  prependAction: "as-path prepend" | "as-path-prepend";
  /**
   * VyOS 1.4 sets the AS once (`system-as`) and puts route maps and networks under address-family
   * ipv4-unicast; EdgeOS names the AS in every BGP path (`protocols bgp <asn>`).
   */
  bgpLayout: "system-as" | "asn-in-path";
};

const quoted = (quote: string) => (value: string | number) => `${quote}${value}${quote}`;

export const vti = (model: ConfigModel, t: TunnelView) => `vti${ifNumber(model, t)}`;

/** The IKE group's settings; `extra` follows the lifetime (VyOS: close-action). */
export function ikeGroup(model: ConfigModel, dialect: VyattaDialect, extra: string[] = []): string[] {
  const { phase1: p1, dpd, slug, input } = model;
  const v = quoted(dialect.valueQuote);
  const ike = `set vpn ipsec ike-group ${slug}`;
  return [
    `${ike} key-exchange ${v(input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1")}`,
    `${ike} lifetime ${v(p1.lifetimeSeconds)}`,
    ...extra.map((setting) => `${ike} ${setting}`),
    `${ike} dead-peer-detection action ${v("restart")}`,
    `${ike} dead-peer-detection interval ${v(dpd.intervalSeconds)}`,
    `${ike} dead-peer-detection timeout ${v(dpd.timeoutSeconds)}`,
    `${ike} proposal 1 dh-group ${v(p1.dhGroup)}`,
    `${ike} proposal 1 encryption ${v(p1.encryption)}`,
    `${ike} proposal 1 hash ${v(p1.integrity)}`,
  ];
}

/** The ESP group's settings; `first` precede them (EdgeOS: compression disable). */
export function espGroup(model: ConfigModel, dialect: VyattaDialect, first: string[] = []): string[] {
  const { phase2: p2, slug } = model;
  const v = quoted(dialect.valueQuote);
  const esp = `set vpn ipsec esp-group ${slug}`;
  return [
    ...first.map((setting) => `${esp} ${setting}`),
    `${esp} lifetime ${v(p2.lifetimeSeconds)}`,
    `${esp} mode ${v("tunnel")}`,
    `${esp} pfs ${v(`dh-group${p2.dhGroup}`)}`,
    `${esp} proposal 1 encryption ${v(p2.encryption)}`,
    `${esp} proposal 1 hash ${v(p2.integrity)}`,
  ];
}

/** A tunnel's VTI: inside address, description and MTU. */
export function vtiInterface(model: ConfigModel, t: TunnelView, dialect: VyattaDialect): string[] {
  const v = quoted(dialect.valueQuote);
  const iface = `set interfaces vti ${vti(model, t)}`;
  return [
    `${iface} address ${v(`${t.customerInsideIp}/${t.insidePrefix}`)}`,
    `${iface} description ${quoted(dialect.textQuote)(`${model.slug} tunnel ${t.number}`)}`,
    `${iface} mtu ${v(model.mtu)}`,
  ];
}

function routeMaps(peer: BgpPeer, dialect: VyattaDialect): string[] {
  const v = quoted(dialect.valueQuote);
  const rin = `set policy route-map ${peer.routeMapIn} rule 10`;
  const rout = `set policy route-map ${peer.routeMapOut} rule 10`;
  return [
    `${rin} action ${v("permit")}`,
    `${rin} set local-preference ${v(peer.localPreference)}`,
    `${rout} action ${v("permit")}`,
    ...(peer.prepend > 0
      ? [`${rout} set ${dialect.prependAction} ${quoted(dialect.textQuote)(peer.asPath)}`]
      : []),
  ];
}

/** Route maps (two tunnels: tunnel 1 preferred), the AS, one neighbour per tunnel, the networks. */
function vyattaBgp(model: ConfigModel, bgp: BgpPlan, dialect: VyattaDialect): string[] {
  const v = quoted(dialect.valueQuote);
  const lines = bgp.preferTunnel1 ? bgp.peers.flatMap((peer) => routeMaps(peer, dialect)) : [];
  const systemAs = dialect.bgpLayout === "system-as";
  const protocol = systemAs ? "set protocols bgp" : `set protocols bgp ${bgp.customerAsn}`;
  const family = systemAs ? " address-family ipv4-unicast" : "";
  if (systemAs) lines.push(`${protocol} system-as ${v(bgp.customerAsn)}`);
  for (const peer of bgp.peers) {
    const t = peer.tunnel;
    const n = `${protocol} neighbor ${t.awsInsideIp}`;
    lines.push(
      `${n} remote-as ${v(bgp.platformAsn)}`,
      `${n} update-source ${v(t.customerInsideIp)}`,
      `${n} timers holdtime ${v(bgp.holdSeconds)}`,
      `${n} timers keepalive ${v(bgp.keepaliveSeconds)}`,
      ...(family ? [`${n}${family}`] : []),
      ...(bgp.preferTunnel1
        ? [
            `${n}${family} route-map import ${v(peer.routeMapIn)}`,
            `${n}${family} route-map export ${v(peer.routeMapOut)}`,
          ]
        : []),
    );
  }
  for (const n of model.customerNetworks) lines.push(`${protocol}${family} network ${v(n.cidr)}`);
  return lines;
}

/**
 * The routing part of both: BGP (route maps, neighbours, networks in the dialect's layout) or one
 * static route per tunnel (`staticRoute`, each renderer's own), and the last verification line.
 */
export function vyattaRouting(
  model: ConfigModel,
  dialect: VyattaDialect,
  staticRoute: (t: TunnelView) => string,
): RoutingPart {
  const bgp = planBgp(model);
  const networkSyntax =
    dialect.bgpLayout === "system-as" ? "address-family ipv4-unicast network" : "network <cidr>";
  return {
    lines: bgp ? vyattaBgp(model, bgp, dialect) : model.tunnels.map(staticRoute),
    noNetworksHint: `add '${networkSyntax}' entries to advertise.`,
    check: {
      bgp: { command: "show ip bgp summary", what: "neighbors Established" },
      static: { command: `show ip route ${model.platformVpc.cidr}`, what: "route via the tunnel that is up" },
    },
  };
}
