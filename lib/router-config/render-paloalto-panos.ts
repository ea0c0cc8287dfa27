// Palo Alto Networks PAN-OS (legacy virtual router): route-based VPN with tunnel.N interfaces, as
// `set` commands for configure mode.
// Vendor documents: PAN-OS Administrator's Guide 10.2/11.x, "Set Up Site-to-Site VPN" (IKE gateway,
// IPsec tunnel, "Set Up Tunnel Monitoring" with a monitor profile action fail-over), "Maximum Segment
// Size (MSS)" (adjust-tcp-mss is a layer-3 Ethernet/VLAN/loopback setting, not a tunnel one), "Security
// Policy" and "Configure BGP" (policy import/export rules); AWS Site-to-Site VPN sample "Palo Alto
// Networks PA Series / PANOS 7.0+". Release: PAN-OS 10.1/10.2/11.x, legacy virtual router.
import type { ConfigModel, TunnelView } from "./render-kit";
import { defineRenderer, ifNumber, planBgp } from "./render-kit";

const VR = "default";
const OUTSIDE_ZONE = "untrust";
const ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;
// MSS = outside MTU (1500) - 40 (IP + TCP headers) - adjustment: 1500 - 40 - 101 = 1359.
const OUTSIDE_MTU = 1500;

const tunnelName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;
const iface = (model: ConfigModel, t: TunnelView) => `tunnel.${ifNumber(model, t)}`;
const vpnZone = (model: ConfigModel) => `vpn-${model.slug}`.slice(0, 31);

function profiles(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, slug } = model;
  const ike = `set network ike crypto-profiles ike-crypto-profiles ${slug}`;
  const ipsec = `set network ike crypto-profiles ipsec-crypto-profiles ${slug}`;
  return [
    `${ike} encryption ${ENCRYPTION[p1.encryption]}`,
    `${ike} hash ${p1.integrity}`,
    `${ike} dh-group group${p1.dhGroup}`,
    `${ike} lifetime seconds ${p1.lifetimeSeconds}`,
    `${ipsec} esp encryption ${ENCRYPTION[p2.encryption]}`,
    `${ipsec} esp authentication ${p2.integrity}`,
    `${ipsec} dh-group group${p2.dhGroup}`,
    `${ipsec} lifetime seconds ${p2.lifetimeSeconds}`,
    // Tunnel monitor: a failed monitor takes the tunnel (and the routes through it) down.
    `set network profiles monitor-profile ${slug} action fail-over`,
    `set network profiles monitor-profile ${slug} interval 3`,
    `set network profiles monitor-profile ${slug} threshold 5`,
    `set network interface ethernet ${model.device.outside} layer3 adjust-tcp-mss enable yes ipv4-mss-adjustment ${OUTSIDE_MTU - 40 - model.mss}`,
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { slug, dpd, input } = model;
  const name = tunnelName(model, t);
  const gw = `set network ike gateway ${name}`;
  const version = input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1";
  const ifname = iface(model, t);
  return [
    `set network interface tunnel units ${ifname} ip ${t.customerInsideIp}/${t.insidePrefix}`,
    `set network interface tunnel units ${ifname} mtu ${model.mtu}`,
    `set network interface tunnel units ${ifname} comment "${slug} tunnel ${t.number}"`,
    `set network virtual-router ${VR} interface ${ifname}`,
    `set zone ${vpnZone(model)} network layer3 ${ifname}`,
    `${gw} authentication pre-shared-key key ${t.psk}`,
    `${gw} protocol version ${version}`,
    `${gw} protocol ${version} ike-crypto-profile ${slug}`,
    ...(version === "ikev1"
      ? [
          `${gw} protocol ikev1 exchange-mode main`,
          `${gw} protocol ikev1 dpd enable yes interval ${dpd.intervalSeconds} retry ${dpd.retries}`,
        ]
      : [`${gw} protocol ikev2 dpd enable yes interval ${dpd.intervalSeconds}`]),
    // DESIGN §5: the platform never initiates (AWS: never IKEv1), so this side must not be passive.
    `${gw} protocol-common passive-mode no`,
    `${gw} protocol-common nat-traversal enable yes`,
    `${gw} local-address interface ${model.device.outside}`,
    `${gw} peer-address ip ${t.outsideIp}`,
    `set network tunnel ipsec ${name} auto-key ike-gateway ${name}`,
    `set network tunnel ipsec ${name} auto-key ipsec-crypto-profile ${slug}`,
    `set network tunnel ipsec ${name} tunnel-interface ${ifname}`,
    `set network tunnel ipsec ${name} anti-replay yes`,
    `set network tunnel ipsec ${name} copy-tos no`,
    // The monitor pings this tunnel's AWS inside address: it starts the tunnel without waiting for
    // traffic and withdraws the tunnel's routes when it fails.
    `set network tunnel ipsec ${name} tunnel-monitor enable yes`,
    `set network tunnel ipsec ${name} tunnel-monitor destination-ip ${t.awsInsideIp}`,
    `set network tunnel ipsec ${name} tunnel-monitor tunnel-monitor-profile ${slug}`,
  ];
}

/** Security rules between the inside zone and the VPN zone (both ways) and for IKE/IPsec on the outside. */
function securityRules(model: ConfigModel): string[] {
  const { slug, platformVpc, device } = model;
  const zone = vpnZone(model);
  const r = (name: string) => `set rulebase security rules ${name}`;
  return [
    `set address ${slug}-vpc ip-netmask ${platformVpc.cidr}`,
    `${r(`${slug}-to-vpc`)} from ${device.inside} to ${zone} source any destination ${slug}-vpc application any service any action allow`,
    `${r(`${slug}-from-vpc`)} from ${zone} to ${device.inside} source ${slug}-vpc destination any application any service any action allow`,
    `${r(`${slug}-ike`)} from ${OUTSIDE_ZONE} to ${OUTSIDE_ZONE} source [ ${model.tunnels.map((t) => t.outsideIp).join(" ")} ] destination any application [ ike ipsec-esp ipsec-esp-udp ] service application-default action allow`,
    // NAT exemption: traffic to the VPC leaves through zone vpn, so a source NAT rule to zone untrust
    // does not match it; this no-NAT rule goes first in case a rule matches every zone.
    `set rulebase nat rules ${slug}-no-nat from ${device.inside} to ${zone} source any destination ${slug}-vpc service any`,
    `move rulebase nat rules ${slug}-no-nat top`,
  ];
}

function routing(model: ConfigModel): string[] {
  const { platformVpc } = model;
  const vr = `set network virtual-router ${VR}`;
  const bgp = planBgp(model);
  if (!bgp) {
    return model.tunnels.map(
      (t) =>
        `${vr} routing-table ip static-route ${tunnelName(model, t)} destination ${platformVpc.cidr} interface ${iface(model, t)} nexthop ip-address ${t.awsInsideIp} metric ${t.number === 1 ? 10 : 20}`,
    );
  }
  const lines = [
    `${vr} protocol bgp enable yes`,
    `${vr} protocol bgp router-id ${model.tunnels[0]?.customerInsideIp ?? model.input.customerGatewayIp}`,
    `${vr} protocol bgp local-as ${bgp.customerAsn}`,
    `${vr} protocol bgp install-route yes`,
  ];
  // One peer group per tunnel: import/export rules apply to peer groups (used-by), and the
  // preference differs per tunnel.
  for (const t of model.tunnels) {
    const group = `${vr} protocol bgp peer-group ${tunnelName(model, t)}`;
    const peer = `${group} peer ${tunnelName(model, t)}`;
    lines.push(
      `${group} type ebgp`,
      `${peer} peer-as ${bgp.platformAsn}`,
      `${peer} local-address interface ${iface(model, t)} ip ${t.customerInsideIp}/${t.insidePrefix}`,
      `${peer} peer-address ip ${t.awsInsideIp}`,
      `${peer} connection-options keep-alive-interval ${bgp.keepaliveSeconds} hold-time ${bgp.holdSeconds}`,
      `${peer} enable yes`,
    );
  }
  if (bgp.preferTunnel1) {
    for (const peer of bgp.peers) {
      const group = tunnelName(model, peer.tunnel);
      const imp = `${vr} protocol bgp policy import rules ${peer.routeMapIn}`;
      lines.push(
        `${imp} used-by ${group}`,
        `${imp} match address-prefix ${platformVpc.cidr} exact no`,
        `${imp} action allow update local-preference ${peer.localPreference}`,
      );
      if (peer.prepend > 0) {
        const exp = `${vr} protocol bgp policy export rules ${peer.routeMapOut}`;
        lines.push(`${exp} used-by ${group}`, `${exp} action allow update as-path prepend ${peer.prepend}`);
      }
    }
  }
  for (const n of model.customerNetworks) {
    lines.push(
      `${vr} protocol bgp redist-rules ${n.cidr} enable yes address-family-identifier ipv4 set-origin igp`,
    );
  }
  return lines;
}

export const renderPaloAltoPanos = defineRenderer("paloalto-panos", "#", (model) => ({
  platform: "Palo Alto Networks PAN-OS 10.1+/11.x (route-based, legacy virtual router, set commands)",
  keepAlive: (t) =>
    `tunnel-monitor on ${tunnelName(model, t)}: ping ${t.awsInsideIp} over ${iface(model, t)}, profile action fail-over`,
  notes: [
    `The outside interface is ${model.device.outside} (layer 3, zone '${OUTSIDE_ZONE}', virtual router '${VR}'); your LAN is zone '${model.device.inside}' (download-page parameters).`,
    `${model.tunnels.map((t) => iface(model, t)).join(" and ")} are free; they go into zone '${vpnZone(model)}'.`,
    `TCP MSS ${model.mss} is set on ${model.device.outside} (PAN-OS adjusts MSS on layer-3 Ethernet interfaces, not on tunnels).`,
    "Firewalls using the Advanced Routing Engine configure routes and BGP under 'logical-router' instead.",
  ],
  apply: "Run 'commit' after loading.",
  sections: [
    ["# --- Crypto and monitor profiles, outside MSS ---", ...profiles(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
    ["# --- Security rules and NAT exemption ---", ...securityRules(model)],
  ],
  routing: {
    lines: routing(model),
    noNetworksHint: "add a redist-rules entry for each network to advertise.",
    check: {
      bgp: { command: `show routing protocol bgp summary virtual-router ${VR}`, what: "peers Established" },
      static: { command: `show routing route destination ${model.platformVpc.cidr}`, what: "active route" },
    },
  },
  verify: [
    { command: "show vpn ike-sa", what: "IKE SA up per gateway" },
    { command: "show vpn ipsec-sa", what: "IPsec SAs per tunnel" },
    { command: "show vpn flow", what: "tunnel monitor status up" },
  ],
}));
