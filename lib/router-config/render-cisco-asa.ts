// Cisco ASA 9.8+: route-based VPN with static VTIs, IKEv2 only. ASA has no SHA-2 for IKEv1 (its
// ikev1 policies hash md5/sha only, transform sets esp-md5-hmac/esp-sha-hmac), so IKEv1 is refused
// in render-router-config.ts (refusalReason) with the reason and the alternative.
// Vendor documents: Cisco ASA Series VPN CLI Configuration Guide 9.8+, "Virtual Tunnel Interface";
// ASA General Operations CLI Guide, "Static and Default Routes" (sla monitor + track); Cisco TechNote
// 200982 "ASA IPsec VTI connection to Amazon Web Services"; AWS sample "Cisco ASA 9.7.1+ (VTI)".
// Release: ASA 9.8+ (single context, routed mode).
import { ciscoBgpRouteMaps } from "./render-cisco-ios";
import type { ConfigModel, TunnelView } from "./render-kit";
import { connectionNumber, defineRenderer, ifNumber, planBgp } from "./render-kit";

const IKE_ENCRYPTION = { aes256: "aes-256", aes128: "aes" } as const;
const ESP_ENCRYPTION = { aes256: "aes-256", aes128: "aes" } as const;
const ESP_INTEGRITY = { sha256: "sha-256", sha384: "sha-384", sha512: "sha-512" } as const;

/** nameif and SLA/track numbers derive from the tunnel interface number: unique per device. */
const nameif = (model: ConfigModel, t: TunnelView) => `aws-tun${ifNumber(model, t)}`;
const sla = (model: ConfigModel, t: TunnelView) => 100 + ifNumber(model, t);

function phase1(model: ConfigModel): string[] {
  const { phase1: p1 } = model;
  return [
    `crypto ikev2 policy ${connectionNumber(model, 200)}`,
    ` encryption ${IKE_ENCRYPTION[p1.encryption]}`,
    ` integrity ${p1.integrity}`,
    ` prf ${p1.integrity}`,
    ` group ${p1.dhGroup}`,
    ` lifetime seconds ${p1.lifetimeSeconds}`,
    "!",
    `crypto ikev2 enable ${model.device.outside}`,
  ];
}

function phase2(model: ConfigModel): string[] {
  const { phase2: p2, slug } = model;
  const outside = model.device.outside;
  return [
    `crypto ipsec ikev2 ipsec-proposal ${slug}`,
    ` protocol esp encryption ${ESP_ENCRYPTION[p2.encryption]}`,
    ` protocol esp integrity ${ESP_INTEGRITY[p2.integrity]}`,
    "!",
    `crypto ipsec profile ${slug}`,
    ` set ikev2 ipsec-proposal ${slug}`,
    ` set pfs group${p2.dhGroup}`,
    ` set security-association lifetime seconds ${p2.lifetimeSeconds}`,
    "!",
    `crypto ipsec df-bit clear-df ${outside}`,
    `crypto ipsec fragmentation before-encryption ${outside}`,
    "crypto ipsec security-association replay window-size 128",
    // TCP MSS on the ASA is global: it applies to every TCP flow, not only this VPN.
    `sysopt connection tcpmss ${model.mss}`,
  ];
}

function tunnelGroups(model: ConfigModel): string[] {
  const { slug, dpd } = model;
  const lines = [
    `group-policy ${slug} internal`,
    `group-policy ${slug} attributes`,
    " vpn-tunnel-protocol ikev2",
    "!",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `tunnel-group ${t.outsideIp} type ipsec-l2l`,
      `tunnel-group ${t.outsideIp} general-attributes`,
      ` default-group-policy ${slug}`,
      `tunnel-group ${t.outsideIp} ipsec-attributes`,
      ` ikev2 remote-authentication pre-shared-key ${t.psk}`,
      ` ikev2 local-authentication pre-shared-key ${t.psk}`,
      ` isakmp keepalive threshold ${dpd.intervalSeconds} retry ${dpd.retries}`,
      "!",
    );
  }
  return lines;
}

function interfaces(model: ConfigModel): string[] {
  const lines: string[] = [];
  for (const t of model.tunnels) {
    lines.push(
      `interface Tunnel${ifNumber(model, t)}`,
      ` nameif ${nameif(model, t)}`,
      ` ip address ${t.customerInsideIp} ${t.insideNetmask}`,
      ` tunnel source interface ${model.device.outside}`,
      ` tunnel destination ${t.outsideIp}`,
      " tunnel mode ipsec ipv4",
      ` tunnel protection ipsec profile ${model.slug}`,
      " no shutdown",
      "!",
    );
  }
  return lines;
}

/**
 * A tunnel nameif gets security level 0, so traffic the VPC starts towards the inside is dropped
 * without an access rule; NAT is exempted for the VPC on each tunnel (identity twice NAT).
 */
function accessAndNat(model: ConfigModel): string[] {
  const { slug, platformVpc, device } = model;
  const lines = [
    `object network ${slug}-vpc`,
    ` subnet ${platformVpc.address} ${platformVpc.netmask}`,
    `access-list ${slug}-from-vpc extended permit ip object ${slug}-vpc any`,
  ];
  for (const t of model.tunnels) {
    lines.push(`access-group ${slug}-from-vpc in interface ${nameif(model, t)}`);
  }
  for (const t of model.tunnels) {
    lines.push(
      `nat (${device.inside},${nameif(model, t)}) source static any any destination static ${slug}-vpc ${slug}-vpc no-proxy-arp route-lookup`,
    );
  }
  return lines;
}

function routing(model: ConfigModel): string[] {
  const { platformVpc } = model;
  const bgp = planBgp(model);
  if (!bgp) {
    const lines: string[] = [];
    for (const t of model.tunnels) {
      const n = sla(model, t);
      lines.push(
        `sla monitor ${n}`,
        ` type echo protocol ipIcmpEcho ${t.awsInsideIp} interface ${nameif(model, t)}`,
        "  frequency 5",
        `sla monitor schedule ${n} life forever start-time now`,
        `track ${n} rtr ${n} reachability`,
      );
    }
    for (const t of model.tunnels) {
      lines.push(
        `route ${nameif(model, t)} ${platformVpc.address} ${platformVpc.netmask} ${t.awsInsideIp} ${t.number === 1 ? 1 : 10} track ${sla(model, t)}`,
      );
    }
    return lines;
  }
  // ASA writes no "!" between a tunnel's two route maps (IOS does).
  const lines = ciscoBgpRouteMaps(bgp, [], ["!"]);
  lines.push(`router bgp ${bgp.customerAsn}`, " bgp log-neighbor-changes", " address-family ipv4 unicast");
  for (const peer of bgp.peers) {
    const ip = peer.tunnel.awsInsideIp;
    lines.push(
      `  neighbor ${ip} remote-as ${bgp.platformAsn}`,
      `  neighbor ${ip} timers ${bgp.keepaliveSeconds} ${bgp.holdSeconds}`,
      `  neighbor ${ip} activate`,
      ...(bgp.preferTunnel1
        ? [
            `  neighbor ${ip} route-map ${peer.routeMapIn} in`,
            `  neighbor ${ip} route-map ${peer.routeMapOut} out`,
          ]
        : []),
    );
  }
  for (const n of model.customerNetworks) lines.push(`  network ${n.address} mask ${n.netmask}`);
  lines.push(" exit-address-family", "!");
  return lines;
}

export const renderCiscoAsa = defineRenderer("cisco-asa", "!", (model) => ({
  platform: "Cisco ASA 9.8+ (route-based, static VTI, IKEv2, single context, routed mode)",
  keepAlive: (t) =>
    `sla monitor ${sla(model, t)}: echo ${t.awsInsideIp} on ${nameif(model, t)} every 5 s, track ${sla(model, t)} on its route`,
  notes: [
    `The outside interface has nameif '${model.device.outside}' and the inside '${model.device.inside}' (download-page parameters).`,
    `${model.tunnels.map((t) => `Tunnel${ifNumber(model, t)}`).join("/")}, IKEv2 policy ${connectionNumber(model, 200)}, SLA/track ${model.tunnels.map((t) => sla(model, t)).join("/")} and the object names are free.`,
    `MTU: ASA derives VTI MTU from the outside interface; keep it at least ${model.mtu} + overhead.`,
    `The TCP MSS clamp (sysopt connection tcpmss ${model.mss}) is global on the ASA.`,
    "The ASA admits IKE (UDP 500/4500) and ESP to its outside interface once IKEv2 is enabled there.",
    "A flow must return on the tunnel it left by (stateful): keep tunnel 1 up, AWS then prefers it too.",
  ],
  sections: [
    ["! --- IKEv2 (phase 1) ---", ...phase1(model)],
    ["! --- IPsec (phase 2) ---", ...phase2(model)],
    ["! --- Tunnel groups (peers and pre-shared keys) ---", ...tunnelGroups(model)],
    ["! --- Tunnel interfaces ---", ...interfaces(model)],
    ["! --- Access rules from the VPC, NAT exemption ---", ...accessAndNat(model)],
  ],
  routing: {
    lines: routing(model),
    noNetworksHint: "add 'network <address> mask <mask>' for each network to advertise.",
    staticTitle: "Per-tunnel liveness (sla monitor + track) and static routes",
    check: {
      bgp: { command: "show bgp summary", what: "neighbors Established, prefixes received" },
      static: { command: "show track", what: "each tunnel's track Up; show route for the VPC" },
    },
  },
  verify: [
    { command: "show crypto ikev2 sa", what: "IKEv2 SA READY per tunnel" },
    { command: "show crypto ipsec sa", what: "IPsec SAs, encaps/decaps counting" },
    { command: "show interface ip brief", what: "Tunnel interfaces up/up" },
  ],
}));
