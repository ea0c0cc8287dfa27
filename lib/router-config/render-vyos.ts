// VyOS 1.4 (sagitta): route-based IPsec on VTIs, as `set` commands for configure mode.
// Vendor documents: VyOS 1.4 documentation, "IPsec Site-to-Site VPN" (route-based VPN, vti bind,
// disable-route-autoinstall, connection-type initiate|respond|none, close-action, DPD; VyOS's
// vti-up-down hook keeps a VTI down while its SA is down), "Static" (next-hop routes), "BGP"
// (system-as) and "Route Map"; AWS Site-to-Site VPN sample "Vyatta / VyOS". Release: VyOS 1.4.
import type { ConfigModel, TunnelView } from "./render-kit";
import { defineRenderer } from "./render-kit";
import type { VyattaDialect } from "./render-vyatta";
import { espGroup, ikeGroup, vti, vtiInterface, vyattaRouting } from "./render-vyatta";

const VYOS: VyattaDialect = {
  valueQuote: "'",
  textQuote: "'",
  prependAction: "as-path prepend",
  bgpLayout: "system-as",
};

const peerName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;

function groups(model: ConfigModel): string[] {
  return [
    `set vpn ipsec interface '${model.device.outside}'`,
    "set vpn ipsec options disable-route-autoinstall",
    // DESIGN §5: the platform never initiates (AWS: never IKEv1), so this side restarts on close.
    ...ikeGroup(model, VYOS, ["close-action 'start'"]),
    ...espGroup(model, VYOS),
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { input, slug } = model;
  const name = peerName(model, t);
  const peer = `set vpn ipsec site-to-site peer ${name}`;
  const psk = `set vpn ipsec authentication psk ${name}`;
  return [
    ...vtiInterface(model, t, VYOS),
    `set interfaces vti ${vti(model, t)} ip adjust-mss '${model.mss}'`,
    `${psk} id '${t.outsideIp}'`,
    `${psk} id '${input.customerGatewayIp}'`,
    `${psk} secret '${t.psk}'`,
    `${peer} authentication local-id '${input.customerGatewayIp}'`,
    `${peer} authentication mode 'pre-shared-secret'`,
    `${peer} authentication remote-id '${t.outsideIp}'`,
    // 'initiate' = start_action start: 'respond' would wait for a platform that never initiates.
    `${peer} connection-type 'initiate'`,
    `${peer} description '${slug} tunnel ${t.number}'`,
    `${peer} ike-group '${slug}'`,
    `${peer} local-address 'any'`,
    `${peer} remote-address '${t.outsideIp}'`,
    `${peer} vti bind '${vti(model, t)}'`,
    `${peer} vti esp-group '${slug}'`,
  ];
}

// The next hop lives on the tunnel's VTI, which VyOS keeps down while the SA is down (DPD
// restart, vti-up-down): a dead tunnel withdraws its route and tunnel 2's takes over.
function staticRoute(model: ConfigModel, t: TunnelView): string {
  return `set protocols static route ${model.platformVpc.cidr} next-hop ${t.awsInsideIp} distance '${t.number === 1 ? 10 : 20}'`;
}

export const renderVyos = defineRenderer("vyos", "#", (model) => ({
  platform: "VyOS 1.4 (sagitta), route-based IPsec on VTI",
  keepAlive: (t) =>
    `tunnel ${t.number}: DPD every ${model.dpd.intervalSeconds} s (action restart) keeps ${vti(model, t)} up only while its SA is; its route goes with it`,
  notes: [
    `The outside interface is ${model.device.outside} (download-page parameter).`,
    `${model.tunnels.map((t) => vti(model, t)).join(" and ")} are free; local-address 'any' uses the address of the default-route interface.`,
    "Your firewall (if any) admits UDP 500/4500 and ESP from both AWS outside IPs on the outside interface.",
    "NAT: exclude the platform VPC from your source NAT (masquerade) rules.",
  ],
  apply: "Run 'commit' and 'save' after pasting.",
  sections: [
    ["# --- IKE and ESP groups ---", ...groups(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
  ],
  routing: vyattaRouting(model, VYOS, (t) => staticRoute(model, t)),
  verify: [
    { command: "show vpn ike sa", what: "IKE SA up per peer" },
    { command: "show vpn ipsec sa", what: "IPsec SAs up, bytes counting" },
    { command: "show interfaces vti", what: "VTIs up" },
  ],
}));
