// Ubiquiti EdgeRouter, EdgeOS 2.x: route-based IPsec on VTIs, as `set` commands for configure mode.
// Vendor documents: Ubiquiti Help Center "EdgeRouter - Route-Based Site-to-Site VPN to AWS VPC (VTI
// over IKEv1/IPsec)" and "EdgeRouter - BGP over route-based VPN"; EdgeOS 2.0 CLI (vpn ipsec
// site-to-site peer connection-type initiate|respond, policy route-map); AWS Site-to-Site VPN sample
// "Ubiquiti / EdgeRouter Lite EdgeOS 1.10+". Release: EdgeOS 2.0.x.
import type { ConfigModel, TunnelView } from "./render-kit";
import { defineRenderer } from "./render-kit";
import type { VyattaDialect } from "./render-vyatta";
import { espGroup, ikeGroup, vti, vtiInterface, vyattaRouting } from "./render-vyatta";

const EDGEOS: VyattaDialect = {
  valueQuote: "",
  textQuote: '"',
  prependAction: "as-path-prepend",
  bgpLayout: "asn-in-path",
};

function groups(model: ConfigModel): string[] {
  return [
    `set vpn ipsec ipsec-interfaces interface ${model.device.outside}`,
    "set vpn ipsec auto-firewall-nat-exclude enable",
    ...ikeGroup(model, EDGEOS),
    ...espGroup(model, EDGEOS, ["compression disable"]),
    "set firewall options mss-clamp interface-type vti",
    `set firewall options mss-clamp mss ${model.mss}`,
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { input, slug } = model;
  const peer = `set vpn ipsec site-to-site peer ${t.outsideIp}`;
  return [
    ...vtiInterface(model, t, EDGEOS),
    `${peer} authentication mode pre-shared-secret`,
    `${peer} authentication pre-shared-secret ${t.psk}`,
    `${peer} authentication id ${input.customerGatewayIp}`,
    `${peer} authentication remote-id ${t.outsideIp}`,
    // 'initiate' (auto=start): with 'respond' (auto=add) nobody would start it, the platform never does.
    `${peer} connection-type initiate`,
    `${peer} description "${slug} tunnel ${t.number}"`,
    `${peer} ike-group ${slug}`,
    `${peer} ikev2-reauth inherit`,
    `${peer} local-address any`,
    `${peer} vti bind ${vti(model, t)}`,
    `${peer} vti esp-group ${slug}`,
  ];
}

// The route is bound to the tunnel's VTI, which follows its SA (DPD restart): a dead tunnel
// withdraws its route and tunnel 2's (higher distance) takes over.
function staticRoute(model: ConfigModel, t: TunnelView): string {
  return `set protocols static interface-route ${model.platformVpc.cidr} next-hop-interface ${vti(model, t)} distance ${t.number === 1 ? 10 : 20}`;
}

export const renderEdgeos = defineRenderer("edgeos", "#", (model) => ({
  platform: "Ubiquiti EdgeRouter, EdgeOS 2.x (route-based IPsec on VTI)",
  keepAlive: (t) =>
    `tunnel ${t.number}: DPD every ${model.dpd.intervalSeconds} s (action restart); the route bound to ${vti(model, t)} follows its SA`,
  notes: [
    `The outside interface is ${model.device.outside} (download-page parameter).`,
    `${model.tunnels.map((t) => vti(model, t)).join(" and ")} are free.`,
    "auto-firewall-nat-exclude opens UDP 500/4500 and ESP on the outside interface and exempts NAT.",
    "The MSS clamp applies to every VTI on the router.",
  ],
  apply: "Run 'commit' and 'save' after pasting.",
  sections: [
    ["# --- IKE and ESP groups, MSS clamp ---", ...groups(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
  ],
  routing: vyattaRouting(model, EDGEOS, (t) => staticRoute(model, t)),
  verify: [
    { command: "show vpn ipsec sa", what: "IPsec SAs up per peer" },
    { command: "show vpn ike sa", what: "IKE SAs up" },
    { command: "show interfaces vti", what: "VTIs up" },
  ],
}));
