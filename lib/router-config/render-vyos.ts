// VyOS 1.4 (sagitta): route-based IPsec on VTIs, as `set` commands for configure mode.
// Vendor documents: VyOS 1.4 documentation, "IPsec Site-to-Site VPN" (route-based VPN, vti bind,
// disable-route-autoinstall, connection-type initiate|respond|none, close-action, DPD; VyOS's
// vti-up-down hook keeps a VTI down while its SA is down), "Static" (next-hop routes), "BGP"
// (system-as) and "Route Map"; AWS Site-to-Site VPN sample "Vyatta / VyOS". Release: VyOS 1.4.
import type { DeviceParams } from "./device-params";
import {
  bgpPreference,
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  ifNumber,
  joinSections,
  type TunnelView,
  tunnelPreferenceNote,
  verifyLines,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const vti = (model: ConfigModel, t: TunnelView) => `vti${ifNumber(model, t)}`;
const peerName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;

function groups(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, dpd, slug, input } = model;
  const ike = `set vpn ipsec ike-group ${slug}`;
  const esp = `set vpn ipsec esp-group ${slug}`;
  return [
    `set vpn ipsec interface '${model.device.outside}'`,
    "set vpn ipsec options disable-route-autoinstall",
    `${ike} key-exchange '${input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1"}'`,
    `${ike} lifetime '${p1.lifetimeSeconds}'`,
    // DESIGN §5: the platform never initiates (AWS: never IKEv1), so this side restarts on close.
    `${ike} close-action 'start'`,
    `${ike} dead-peer-detection action 'restart'`,
    `${ike} dead-peer-detection interval '${dpd.intervalSeconds}'`,
    `${ike} dead-peer-detection timeout '${dpd.timeoutSeconds}'`,
    `${ike} proposal 1 dh-group '${p1.dhGroup}'`,
    `${ike} proposal 1 encryption '${p1.encryption}'`,
    `${ike} proposal 1 hash '${p1.integrity}'`,
    `${esp} lifetime '${p2.lifetimeSeconds}'`,
    `${esp} mode 'tunnel'`,
    `${esp} pfs 'dh-group${p2.dhGroup}'`,
    `${esp} proposal 1 encryption '${p2.encryption}'`,
    `${esp} proposal 1 hash '${p2.integrity}'`,
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { input, slug } = model;
  const name = peerName(model, t);
  const peer = `set vpn ipsec site-to-site peer ${name}`;
  const psk = `set vpn ipsec authentication psk ${name}`;
  return [
    `set interfaces vti ${vti(model, t)} address '${t.customerInsideIp}/${t.insidePrefix}'`,
    `set interfaces vti ${vti(model, t)} description '${slug} tunnel ${t.number}'`,
    `set interfaces vti ${vti(model, t)} mtu '${model.mtu}'`,
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

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc, slug } = model;
  if (!bgp) {
    // The next hop lives on the tunnel's VTI, which VyOS keeps down while the SA is down (DPD
    // restart, vti-up-down): a dead tunnel withdraws its route and tunnel 2's takes over.
    return model.tunnels.map(
      (t) =>
        `set protocols static route ${platformVpc.cidr} next-hop ${t.awsInsideIp} distance '${t.number === 1 ? 10 : 20}'`,
    );
  }
  const two = model.tunnels.length > 1;
  const lines: string[] = [];
  if (two) {
    for (const t of model.tunnels) {
      const pref = bgpPreference(t);
      const rin = `set policy route-map ${slug}-${t.number}-in rule 10`;
      const rout = `set policy route-map ${slug}-${t.number}-out rule 10`;
      lines.push(`${rin} action 'permit'`, `${rin} set local-preference '${pref.localPreference}'`);
      lines.push(`${rout} action 'permit'`);
      if (pref.prepend > 0) {
        lines.push(`${rout} set as-path prepend '${Array(pref.prepend).fill(bgp.customerAsn).join(" ")}'`);
      }
    }
  }
  lines.push(`set protocols bgp system-as '${bgp.customerAsn}'`);
  for (const t of model.tunnels) {
    const n = `set protocols bgp neighbor ${t.awsInsideIp}`;
    lines.push(
      `${n} remote-as '${bgp.platformAsn}'`,
      `${n} update-source '${t.customerInsideIp}'`,
      `${n} timers holdtime '${bgp.holdSeconds}'`,
      `${n} timers keepalive '${bgp.keepaliveSeconds}'`,
      `${n} address-family ipv4-unicast`,
      ...(two
        ? [
            `${n} address-family ipv4-unicast route-map import '${slug}-${t.number}-in'`,
            `${n} address-family ipv4-unicast route-map export '${slug}-${t.number}-out'`,
          ]
        : []),
    );
  }
  for (const n of model.customerNetworks)
    lines.push(`set protocols bgp address-family ipv4-unicast network '${n.cidr}'`);
  return lines;
}

export function renderVyos(input: RouterConfigInput, device?: DeviceParams): string {
  const model = buildConfigModel(input, device);
  const header = headerLines(model, {
    formatId: "vyos",
    platform: "VyOS 1.4 (sagitta), route-based IPsec on VTI",
    keepAliveCommands: model.tunnels.map(
      (t) =>
        `tunnel ${t.number}: DPD every ${model.dpd.intervalSeconds} s (action restart) keeps ${vti(model, t)} up only while its SA is; its route goes with it`,
    ),
    notes: [
      `The outside interface is ${model.device.outside} (download-page parameter).`,
      `${model.tunnels.map((t) => vti(model, t)).join(" and ")} are free; local-address 'any' uses the address of the default-route interface.`,
      "Your firewall (if any) admits UDP 500/4500 and ESP from both AWS outside IPs on the outside interface.",
      "NAT: exclude the platform VPC from your source NAT (masquerade) rules.",
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add 'address-family ipv4-unicast network' entries to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
      "Run 'commit' and 'save' after pasting.",
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- IKE and ESP groups ---", ...groups(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
    [model.bgp ? "# --- BGP ---" : "# --- Static routes to the platform VPC ---", ...routing(model)],
    commentBlock(
      verifyLines([
        { command: "show vpn ike sa", what: "IKE SA up per peer" },
        { command: "show vpn ipsec sa", what: "IPsec SAs up, bytes counting" },
        { command: "show interfaces vti", what: "VTIs up" },
        model.bgp
          ? { command: "show ip bgp summary", what: "neighbors Established" }
          : { command: `show ip route ${model.platformVpc.cidr}`, what: "route via the tunnel that is up" },
      ]),
      "#",
    ),
  ]);
}
