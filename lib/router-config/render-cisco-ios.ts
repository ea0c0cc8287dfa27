// Cisco IOS / IOS XE: static VTIs with tunnel protection, for IKEv2 and for IKEv1 (no crypto maps).
// Vendor documents: Cisco IOS XE 17 Security Configuration Guide, "IPsec Virtual Tunnel Interfaces"
// and "Configuring Internet Key Exchange Version 2"; IP SLAs Configuration Guide ("ICMP Echo",
// "Enhanced Object Tracking"); AWS Site-to-Site VPN sample configuration "Cisco Systems, Inc. ISR
// Series Routers / IOS 12.4+" (replay window 128, fragmentation before encryption, SLA + track).
// Release: IOS XE 16.x/17.x (and IOS 15.4+).
import type { BgpPlan, ConfigModel, TunnelView } from "./render-kit";
import { connectionNumber, defineRenderer, ifNumber, planBgp } from "./render-kit";

const IKEV2_ENCRYPTION = { aes256: "aes-cbc-256", aes128: "aes-cbc-128" } as const;
const ISAKMP_ENCRYPTION = { aes256: "aes 256", aes128: "aes 128" } as const;
const ESP_ENCRYPTION = { aes256: "esp-aes 256", aes128: "esp-aes 128" } as const;
const ESP_INTEGRITY = {
  sha256: "esp-sha256-hmac",
  sha384: "esp-sha384-hmac",
  sha512: "esp-sha512-hmac",
} as const;

type Names = { ike: string; ipsec: string; iface: string; sla: number };

function names(model: ConfigModel, tunnel: TunnelView): Names {
  const base = `${model.slug}-${tunnel.number}`;
  const n = ifNumber(model, tunnel);
  // SLA and track numbers derive from the tunnel interface number: unique per device.
  return { ike: base, ipsec: base, iface: `Tunnel${n}`, sla: 100 + n };
}

/** The lines of every tunnel, written from the tunnel and its names. */
function eachTunnel(model: ConfigModel, lines: (t: TunnelView, n: Names) => string[]): string[] {
  return model.tunnels.flatMap((t) => lines(t, names(model, t)));
}

function ikev2(model: ConfigModel): string[] {
  const { phase1, dpd, input, slug } = model;
  const lines = [
    `crypto ikev2 proposal ${slug}`,
    ` encryption ${IKEV2_ENCRYPTION[phase1.encryption]}`,
    ` integrity ${phase1.integrity}`,
    ` prf ${phase1.integrity}`,
    ` group ${phase1.dhGroup}`,
    "!",
    `crypto ikev2 policy ${slug}`,
    ` proposal ${slug}`,
    ` match address local ${input.customerGatewayIp}`,
    "!",
    `crypto ikev2 keyring ${slug}`,
  ];
  for (const t of model.tunnels) {
    lines.push(` peer aws-tunnel-${t.number}`, `  address ${t.outsideIp}`, `  pre-shared-key ${t.psk}`, " !");
  }
  lines.push("!");
  for (const t of model.tunnels) {
    lines.push(
      `crypto ikev2 profile ${names(model, t).ike}`,
      ` match identity remote address ${t.outsideIp} 255.255.255.255`,
      ` identity local address ${input.customerGatewayIp}`,
      " authentication remote pre-share",
      " authentication local pre-share",
      ` keyring local ${slug}`,
      ` lifetime ${phase1.lifetimeSeconds}`,
      // Periodic DPD: this side owns (re)initiation, so it must notice a dead peer itself.
      ` dpd ${dpd.intervalSeconds} ${dpd.retries} periodic`,
      "!",
    );
  }
  return lines;
}

function ikev1(model: ConfigModel): string[] {
  const { phase1, dpd } = model;
  // One ISAKMP policy per connection: its priority derives from tunnel 1's interface number.
  return [
    `crypto isakmp policy ${connectionNumber(model, 200)}`,
    ` encryption ${ISAKMP_ENCRYPTION[phase1.encryption]}`,
    ` hash ${phase1.integrity}`,
    " authentication pre-share",
    ` group ${phase1.dhGroup}`,
    ` lifetime ${phase1.lifetimeSeconds}`,
    "!",
    ...eachTunnel(model, (t, n) => [
      `crypto keyring ${n.ike}`,
      ` local-address ${model.device.outside}`,
      ` pre-shared-key address ${t.outsideIp} key ${t.psk}`,
      "!",
      `crypto isakmp profile ${n.ike}`,
      ` keyring ${n.ike}`,
      ` match identity address ${t.outsideIp} 255.255.255.255`,
      ` local-address ${model.device.outside}`,
      ` keepalive ${dpd.intervalSeconds} retry ${dpd.intervalSeconds}`,
      "!",
    ]),
  ];
}

function ipsec(model: ConfigModel): string[] {
  const { phase2, slug, input } = model;
  return [
    `crypto ipsec transform-set ${slug} ${ESP_ENCRYPTION[phase2.encryption]} ${ESP_INTEGRITY[phase2.integrity]}`,
    " mode tunnel",
    "!",
    "crypto ipsec df-bit clear",
    "crypto ipsec fragmentation before-encryption",
    "crypto ipsec security-association replay window-size 128",
    "!",
    ...eachTunnel(model, (_, n) => [
      `crypto ipsec profile ${n.ipsec}`,
      ` set transform-set ${slug}`,
      ` set pfs group${phase2.dhGroup}`,
      ` set security-association lifetime seconds ${phase2.lifetimeSeconds}`,
      input.ikeVersion === "IKEV2" ? ` set ikev2-profile ${n.ike}` : ` set isakmp-profile ${n.ike}`,
      "!",
    ]),
  ];
}

function interfaces(model: ConfigModel): string[] {
  return eachTunnel(model, (t, n) => [
    `interface ${n.iface}`,
    ` description ${model.slug} tunnel ${t.number} to ${t.outsideIp}`,
    ` ip address ${t.customerInsideIp} ${t.insideNetmask}`,
    ` ip mtu ${model.mtu}`,
    ` ip tcp adjust-mss ${model.mss}`,
    ` tunnel source ${model.device.outside}`,
    " tunnel mode ipsec ipv4",
    ` tunnel destination ${t.outsideIp}`,
    ` tunnel protection ipsec profile ${n.ipsec}`,
    " no shutdown",
    "!",
  ]);
}

/** One IP SLA per tunnel (ping to that tunnel's AWS inside address), each tied to a track object. */
function liveness(model: ConfigModel): string[] {
  return eachTunnel(model, (t, n) => [
    `ip sla ${n.sla}`,
    ` icmp-echo ${t.awsInsideIp} source-interface ${n.iface}`,
    "  timeout 1000",
    "  frequency 5",
    "!",
    `ip sla schedule ${n.sla} life forever start-time now`,
    `track ${n.sla} ip sla ${n.sla} reachability`,
    "!",
  ]);
}

/**
 * The route maps of a two-tunnel connection (IOS and ASA syntax): local preference in, the AS
 * prepended out; `between` follows a tunnel's in map, `after` its out map. One tunnel: none.
 */
export function ciscoBgpRouteMaps(bgp: BgpPlan, between: string[], after: string[]): string[] {
  if (!bgp.preferTunnel1) return [];
  return bgp.peers.flatMap((peer) => [
    `route-map ${peer.routeMapIn} permit 10`,
    ` set local-preference ${peer.localPreference}`,
    ...between,
    `route-map ${peer.routeMapOut} permit 10`,
    ...(peer.prepend > 0 ? [` set as-path prepend ${peer.asPath}`] : []),
    ...after,
  ]);
}

function routing(model: ConfigModel): string[] {
  const { platformVpc } = model;
  const bgp = planBgp(model);
  if (!bgp) {
    return [
      ...liveness(model),
      ...model.tunnels.map((t) => {
        const n = names(model, t);
        return `ip route ${platformVpc.address} ${platformVpc.netmask} ${n.iface} ${t.awsInsideIp}${t.number === 1 ? "" : " 10"} track ${n.sla}`;
      }),
    ];
  }
  const lines = ciscoBgpRouteMaps(bgp, ["!"], ["!"]);
  lines.push(`router bgp ${bgp.customerAsn}`, " bgp log-neighbor-changes");
  for (const { tunnel: t } of bgp.peers) {
    lines.push(
      ` neighbor ${t.awsInsideIp} remote-as ${bgp.platformAsn}`,
      ` neighbor ${t.awsInsideIp} timers ${bgp.keepaliveSeconds} ${bgp.holdSeconds} ${bgp.holdSeconds}`,
    );
  }
  lines.push(" !", " address-family ipv4 unicast");
  for (const { tunnel: t, routeMapIn, routeMapOut } of bgp.peers) {
    lines.push(`  neighbor ${t.awsInsideIp} activate`);
    if (bgp.preferTunnel1) {
      lines.push(
        `  neighbor ${t.awsInsideIp} route-map ${routeMapIn} in`,
        `  neighbor ${t.awsInsideIp} route-map ${routeMapOut} out`,
      );
    }
  }
  for (const n of model.customerNetworks) lines.push(`  network ${n.address} mask ${n.netmask}`);
  lines.push(" exit-address-family", "!");
  return lines;
}

export const renderCiscoIos = defineRenderer("cisco-ios", "!", (model) => {
  const ifaces = model.tunnels.map((t) => names(model, t).iface).join("/");
  const ike = model.input.ikeVersion === "IKEV2" ? ikev2(model) : ikev1(model);
  return {
    platform: "Cisco IOS / IOS XE (route-based, static VTI)",
    keepAlive: (t) =>
      `ip sla ${names(model, t).sla}: icmp-echo ${t.awsInsideIp} from ${names(model, t).iface} every 5 s, track ${names(model, t).sla} on its route`,
    notes: [
      `The outside interface is ${model.device.outside} (download-page parameter).`,
      `${ifaces}, IP SLA/track ${model.tunnels.map((t) => names(model, t).sla).join("/")} and the object names are not already in use.`,
      "The outside interface's ACL (if any) admits UDP 500, UDP 4500 and ESP from both AWS outside IPs.",
      "NAT: exclude traffic to the platform VPC from your NAT overload (it leaves through the tunnels).",
      ...(model.bgp && model.customerNetworks.length > 0
        ? ["Each advertised network exists in your routing table exactly (network ... mask needs it)."]
        : []),
    ],
    sections: [
      ["! --- IKE (phase 1) ---", ...ike],
      ["! --- IPsec (phase 2) ---", ...ipsec(model)],
      ["! --- Tunnel interfaces ---", ...interfaces(model)],
    ],
    routing: {
      lines: routing(model),
      noNetworksHint: "add 'network <address> mask <mask>' for each network to advertise.",
      staticTitle: "Per-tunnel liveness (IP SLA + track) and static routes",
      check: {
        bgp: { command: "show ip bgp summary", what: "neighbors Established, prefixes received" },
        static: { command: "show track brief", what: "each tunnel's track Up; routes installed" },
      },
    },
    after: ["end"],
    verify: [
      {
        command: model.input.ikeVersion === "IKEV2" ? "show crypto ikev2 sa" : "show crypto isakmp sa",
        what: "IKE SA READY/QM_IDLE per tunnel",
      },
      { command: "show crypto ipsec sa", what: "IPsec SAs, encaps/decaps counting" },
      { command: `show interfaces ${model.tunnels.map((t) => names(model, t).iface)[0]}`, what: "up/up" },
    ],
  };
});
