// Fortinet FortiGate (FortiOS CLI): route-based (interface-mode) IPsec VPN.
// Vendor documents: FortiOS 7.2/7.4 Administration Guide, "IPsec VPN > Site-to-site VPN", "Dead peer
// detection", "Link monitor", "Static routes" (same distance + priority keeps both routes in the FIB
// so traffic AWS returns on tunnel 2 passes the RPF check; blackhole route); FortiOS CLI Reference
// "vpn ipsec phase1-interface / phase2-interface", "firewall policy", "router bgp", "router
// route-map"; Fortinet Cookbook "IPsec VPN to AWS" (firewall policies); AWS Site-to-Site VPN sample
// "Fortinet Fortigate 40+ Series / FortiOS 6.4.4+". Release: FortiOS 7.0/7.2/7.4.
import type { ConfigModel, TunnelView } from "./render-kit";
import { defineRenderer, planBgp, shortId } from "./render-kit";

const PROPOSAL = { aes256: "aes256", aes128: "aes128" } as const;

// FortiOS limits phase1-interface names to 15 characters; the connection ID keeps them unique.
const tunnelName = (model: ConfigModel, t: TunnelView) => `vpn${shortId(model)}-${t.number}`;
const vpcAddress = (model: ConfigModel) => `vpc-${shortId(model)}`;

// FortiOS CLI nesting: `config <path>` … `end` holds `edit <entry>` … `next`, four spaces a level.
const indent = (line: string) => `    ${line}`;
const config = (path: string, body: string[]) => [`config ${path}`, ...body.map(indent), "end"];
const edit = (entry: string, settings: string[]) => [`edit ${entry}`, ...settings.map(indent), "next"];

/** A `config <path>` block with one entry per tunnel, named after the tunnel. */
function perTunnel(model: ConfigModel, path: string, settings: (t: TunnelView) => string[]): string[] {
  return config(
    path,
    model.tunnels.flatMap((t) => edit(`"${tunnelName(model, t)}"`, settings(t))),
  );
}

function phase1(model: ConfigModel): string[] {
  const { phase1: p1, dpd, input } = model;
  return perTunnel(model, "vpn ipsec phase1-interface", (t) => [
    `set interface "${model.device.outside}"`,
    `set ike-version ${input.ikeVersion === "IKEV2" ? 2 : 1}`,
    ...(input.ikeVersion === "IKEV1" ? ["set mode main"] : []),
    "set peertype any",
    "set net-device disable",
    `set proposal ${PROPOSAL[p1.encryption]}-${p1.integrity}`,
    `set dhgrp ${p1.dhGroup}`,
    `set keylife ${p1.lifetimeSeconds}`,
    `set remote-gw ${t.outsideIp}`,
    `set psksecret ${t.psk}`,
    "set dpd on-idle",
    `set dpd-retryinterval ${dpd.intervalSeconds}`,
    `set dpd-retrycount ${dpd.retries}`,
    `set comments "${model.slug} tunnel ${t.number}"`,
  ]);
}

function phase2(model: ConfigModel): string[] {
  const { phase2: p2 } = model;
  return perTunnel(model, "vpn ipsec phase2-interface", (t) => [
    `set phase1name "${tunnelName(model, t)}"`,
    `set proposal ${PROPOSAL[p2.encryption]}-${p2.integrity}`,
    "set pfs enable",
    `set dhgrp ${p2.dhGroup}`,
    `set keylifeseconds ${p2.lifetimeSeconds}`,
    // DESIGN §5: the platform never initiates (AWS: never IKEv1), so this side brings the tunnel
    // up without waiting for traffic and keeps it up, for either IKE version.
    "set auto-negotiate enable",
    "set keepalive enable",
  ]);
}

function interfaces(model: ConfigModel): string[] {
  return perTunnel(model, "system interface", (t) => [
    `set vdom "root"`,
    `set ip ${t.customerInsideIp} 255.255.255.255`,
    `set remote-ip ${t.awsInsideIp} ${t.insideNetmask}`,
    "set allowaccess ping",
    "set mtu-override enable",
    `set mtu ${model.mtu}`,
    `set tcp-mss ${model.mss}`,
    `set interface "${model.device.outside}"`,
  ]);
}

/** Address object and policies both ways between the inside interface and the tunnels, no NAT. */
function policies(model: ConfigModel): string[] {
  const { platformVpc, device } = model;
  const tunnels = model.tunnels.map((t) => `"${tunnelName(model, t)}"`).join(" ");
  const accept = (name: string, from: string, to: string, source: string, destination: string) =>
    edit("0", [
      `set name "${shortId(model)}-${name}"`,
      `set srcintf ${from}`,
      `set dstintf ${to}`,
      `set srcaddr "${source}"`,
      `set dstaddr "${destination}"`,
      "set action accept",
      `set schedule "always"`,
      `set service "ALL"`,
      "set nat disable",
    ]);
  return [
    ...config(
      "firewall address",
      edit(`"${vpcAddress(model)}"`, [
        `set subnet ${platformVpc.address} ${platformVpc.netmask}`,
        `set comment "${model.slug} platform VPC"`,
      ]),
    ),
    ...config("firewall policy", [
      ...accept("to-vpc", `"${device.inside}"`, tunnels, "all", vpcAddress(model)),
      ...accept("from-vpc", tunnels, `"${device.inside}"`, vpcAddress(model), "all"),
    ]),
  ];
}

/** Per-tunnel link monitor: a ping to that tunnel's AWS inside address; failure withdraws its routes. */
function linkMonitors(model: ConfigModel): string[] {
  return perTunnel(model, "system link-monitor", (t) => [
    `set srcintf "${tunnelName(model, t)}"`,
    `set server "${t.awsInsideIp}"`,
    "set protocol ping",
    // FortiOS 6.4+ counts the interval in milliseconds (500-3600000).
    "set interval 5000",
    "set failtime 3",
    "set update-static-route enable",
  ]);
}

/** The last-resort route: VPC traffic never leaks to the internet while the tunnels are down. */
function blackhole(model: ConfigModel): string[] {
  const { platformVpc, slug } = model;
  return edit("0", [
    `set dst ${platformVpc.address} ${platformVpc.netmask}`,
    "set blackhole enable",
    "set distance 254",
    `set comment "${slug} VPC blackhole: never leak VPC traffic to the internet"`,
  ]);
}

function staticRouting(model: ConfigModel): string[] {
  const { platformVpc, slug } = model;
  // Same distance keeps both routes in the FIB (return traffic on tunnel 2 passes RPF);
  // priority (lower wins) makes tunnel 1 the preferred path.
  const routes = model.tunnels.flatMap((t) =>
    edit("0", [
      `set dst ${platformVpc.address} ${platformVpc.netmask}`,
      `set device "${tunnelName(model, t)}"`,
      "set distance 10",
      `set priority ${t.number === 1 ? 0 : 10}`,
      `set comment "${slug} tunnel ${t.number}"`,
    ]),
  );
  return [...linkMonitors(model), ...config("router static", [...routes, ...blackhole(model)])];
}

function routing(model: ConfigModel): string[] {
  const bgp = planBgp(model);
  if (!bgp) return staticRouting(model);
  const name = (peer: { tunnel: TunnelView }) => tunnelName(model, peer.tunnel);
  const routeMaps = bgp.peers.flatMap((peer) => [
    ...edit(
      `"${name(peer)}-in"`,
      config("rule", edit("1", [`set set-local-preference ${peer.localPreference}`])),
    ),
    ...edit(
      `"${name(peer)}-out"`,
      config("rule", edit("1", peer.prepend > 0 ? [`set set-aspath "${peer.asPath}"`] : [])),
    ),
  ]);
  const neighbors = bgp.peers.flatMap((peer) =>
    edit(`"${peer.tunnel.awsInsideIp}"`, [
      `set remote-as ${bgp.platformAsn}`,
      `set keep-alive-timer ${bgp.keepaliveSeconds}`,
      `set holdtime-timer ${bgp.holdSeconds}`,
      ...(bgp.preferTunnel1
        ? [`set route-map-in "${name(peer)}-in"`, `set route-map-out "${name(peer)}-out"`]
        : []),
    ]),
  );
  const networks = model.customerNetworks.flatMap((n, i) =>
    edit(`${i + 1}`, [`set prefix ${n.address} ${n.netmask}`]),
  );
  return [
    ...config("router static", blackhole(model)),
    ...(bgp.preferTunnel1 ? config("router route-map", routeMaps) : []),
    ...config("router bgp", [
      `set as ${bgp.customerAsn}`,
      `set router-id ${model.tunnels[0]?.customerInsideIp ?? model.input.customerGatewayIp}`,
      ...config("neighbor", neighbors),
      ...config("network", networks),
    ]),
  ];
}

export const renderFortigate = defineRenderer("fortigate", "#", (model) => ({
  platform: "Fortinet FortiGate, FortiOS 7.x (route-based, interface mode)",
  keepAlive: (t) =>
    `link-monitor "${tunnelName(model, t)}": ping ${t.awsInsideIp} every 5 s (interval 5000 ms); update-static-route withdraws its route`,
  notes: [
    `The outside interface is ${model.device.outside} and the inside interface ${model.device.inside}, VDOM 'root' (download-page parameters).`,
    "FortiGate admits IKE (UDP 500/4500) and ESP to the outside interface for configured phase1 gateways.",
  ],
  sections: [
    ["# --- IKE (phase 1) ---", ...phase1(model)],
    ["# --- IPsec (phase 2) ---", ...phase2(model)],
    ["# --- Tunnel interfaces ---", ...interfaces(model)],
    ["# --- Firewall policies (no NAT towards the VPC) ---", ...policies(model)],
  ],
  routing: {
    lines: routing(model),
    noNetworksHint: "add 'config network' entries for the networks to advertise.",
    staticTitle: "Per-tunnel link monitors and static routes to the platform VPC",
    check: {
      bgp: { command: "get router info bgp summary", what: "neighbors up, prefixes received" },
      static: { command: "diagnose sys link-monitor status", what: "each monitor alive; routes in the FIB" },
    },
  },
  verify: [
    { command: "diagnose vpn ike gateway list", what: "IKE SA established per tunnel" },
    { command: "diagnose vpn tunnel list", what: "IPsec SAs, packets in/out" },
    { command: "get vpn ipsec tunnel summary", what: "both tunnels up" },
  ],
}));
