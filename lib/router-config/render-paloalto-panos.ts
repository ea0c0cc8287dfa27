// Palo Alto Networks PAN-OS 10.x/11.x (legacy virtual router): route-based VPN with tunnel.N
// interfaces, as `set` commands for configure mode.
// Follows: PAN-OS Administrator's Guide, "Set Up Site-to-Site VPN" (IKE gateway, IPsec tunnel, tunnel
// monitoring) and "Configure BGP"; AWS Site-to-Site VPN Palo Alto sample configs.
import {
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  joinSections,
  type TunnelView,
  tunnelPreferenceNote,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const OUTSIDE = "ethernet1/1";
const VR = "default";
const ZONE = "vpn";
const ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;
// PAN-OS MSS = interface MTU - adjustment; 40 is the smallest adjustment allowed.
const MSS_ADJUSTMENT = 40;

const tunnelName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;

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
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { slug, dpd, input } = model;
  const name = tunnelName(model, t);
  const gw = `set network ike gateway ${name}`;
  const version = input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1";
  const iface = `tunnel.${t.number}`;
  return [
    `set network interface tunnel units ${iface} ip ${t.customerInsideIp}/${t.insidePrefix}`,
    `set network interface tunnel units ${iface} mtu ${model.mtu}`,
    `set network interface tunnel units ${iface} adjust-tcp-mss enable yes ipv4-mss-adjustment ${MSS_ADJUSTMENT}`,
    `set network interface tunnel units ${iface} comment "${slug} tunnel ${t.number} (TCP MSS ${model.mss})"`,
    `set network virtual-router ${VR} interface ${iface}`,
    `set zone ${ZONE} network layer3 ${iface}`,
    `${gw} authentication pre-shared-key key ${t.psk}`,
    `${gw} protocol version ${version}`,
    `${gw} protocol ${version} ike-crypto-profile ${slug}`,
    ...(version === "ikev1"
      ? [
          `${gw} protocol ikev1 exchange-mode main`,
          `${gw} protocol ikev1 dpd enable yes interval ${dpd.intervalSeconds} retry ${dpd.retries}`,
        ]
      : [
          `${gw} protocol ikev2 dpd enable yes interval ${dpd.intervalSeconds}`,
          // This side owns initiation under IKEv2: never wait passively for the platform.
          `${gw} protocol-common passive-mode no`,
        ]),
    `${gw} protocol-common nat-traversal enable yes`,
    `${gw} local-address interface ${OUTSIDE}`,
    `${gw} peer-address ip ${t.outsideIp}`,
    `set network tunnel ipsec ${name} auto-key ike-gateway ${name}`,
    `set network tunnel ipsec ${name} auto-key ipsec-crypto-profile ${slug}`,
    `set network tunnel ipsec ${name} tunnel-interface ${iface}`,
    `set network tunnel ipsec ${name} anti-replay yes`,
    `set network tunnel ipsec ${name} copy-tos no`,
  ];
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc, slug } = model;
  const vr = `set network virtual-router ${VR}`;
  if (!bgp) {
    return model.tunnels.map(
      (t) =>
        `${vr} routing-table ip static-route ${tunnelName(model, t)} destination ${platformVpc.cidr} interface tunnel.${t.number} nexthop ip-address ${t.awsInsideIp} metric ${t.number === 1 ? 10 : 20}`,
    );
  }
  const lines = [
    `${vr} protocol bgp enable yes`,
    `${vr} protocol bgp router-id ${model.tunnels[0]?.customerInsideIp ?? model.input.customerGatewayIp}`,
    `${vr} protocol bgp local-as ${bgp.customerAsn}`,
    `${vr} protocol bgp install-route yes`,
    `${vr} protocol bgp peer-group ${slug} type ebgp`,
  ];
  for (const t of model.tunnels) {
    const peer = `${vr} protocol bgp peer-group ${slug} peer ${tunnelName(model, t)}`;
    lines.push(
      `${peer} peer-as ${bgp.platformAsn}`,
      `${peer} local-address interface tunnel.${t.number} ip ${t.customerInsideIp}/${t.insidePrefix}`,
      `${peer} peer-address ip ${t.awsInsideIp}`,
      `${peer} connection-options keep-alive-interval ${bgp.keepaliveSeconds} hold-time ${bgp.holdSeconds}`,
      `${peer} enable yes`,
    );
  }
  for (const n of model.customerNetworks) {
    lines.push(
      `${vr} protocol bgp redist-rules ${n.cidr} enable yes address-family-identifier ipv4 set-origin igp`,
    );
  }
  return lines;
}

export function renderPaloAltoPanos(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "Palo Alto Networks PAN-OS 10.x/11.x (route-based, legacy virtual router, set commands)",
    // Tunnel monitoring is not offered here: it marks the tunnel down when the target does not answer.
    keepAliveCommands: [
      `From a host behind the firewall: ping -i 5 ${model.keepAliveTarget}   (Windows: ping -t)`,
    ],
    notes: [
      `The outside interface is ${OUTSIDE} in virtual router '${VR}': replace if yours differ.`,
      `The tunnel interfaces go into zone '${ZONE}'; add security policies between it and your zones.`,
      "Firewalls using the Advanced Routing Engine configure routes and BGP under 'logical-router' instead.",
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add a redist-rules entry for each network to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
      "Run 'commit' after loading.",
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- Crypto profiles (phase 1 and phase 2) ---", ...profiles(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
    [model.bgp ? "# --- BGP ---" : "# --- Static routes to the platform VPC ---", ...routing(model)],
  ]);
}
