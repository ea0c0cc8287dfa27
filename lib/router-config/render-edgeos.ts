// Ubiquiti EdgeRouter, EdgeOS 2.x: route-based IPsec on VTIs, as `set` commands for configure mode.
// Vendor documents: Ubiquiti Help Center "EdgeRouter - Route-Based Site-to-Site VPN to AWS VPC (VTI
// over IKEv1/IPsec)" and "EdgeRouter - BGP over route-based VPN"; EdgeOS 2.0 CLI (vpn ipsec
// site-to-site peer connection-type initiate|respond, policy route-map); AWS Site-to-Site VPN sample
// "Ubiquiti / EdgeRouter Lite EdgeOS 1.10+". Release: EdgeOS 2.0.x.
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

function groups(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, dpd, slug, input } = model;
  const ike = `set vpn ipsec ike-group ${slug}`;
  const esp = `set vpn ipsec esp-group ${slug}`;
  return [
    `set vpn ipsec ipsec-interfaces interface ${model.device.outside}`,
    "set vpn ipsec auto-firewall-nat-exclude enable",
    `${ike} key-exchange ${input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1"}`,
    `${ike} lifetime ${p1.lifetimeSeconds}`,
    `${ike} dead-peer-detection action restart`,
    `${ike} dead-peer-detection interval ${dpd.intervalSeconds}`,
    `${ike} dead-peer-detection timeout ${dpd.timeoutSeconds}`,
    `${ike} proposal 1 dh-group ${p1.dhGroup}`,
    `${ike} proposal 1 encryption ${p1.encryption}`,
    `${ike} proposal 1 hash ${p1.integrity}`,
    `${esp} compression disable`,
    `${esp} lifetime ${p2.lifetimeSeconds}`,
    `${esp} mode tunnel`,
    `${esp} pfs dh-group${p2.dhGroup}`,
    `${esp} proposal 1 encryption ${p2.encryption}`,
    `${esp} proposal 1 hash ${p2.integrity}`,
    "set firewall options mss-clamp interface-type vti",
    `set firewall options mss-clamp mss ${model.mss}`,
  ];
}

function tunnel(model: ConfigModel, t: TunnelView): string[] {
  const { input, slug } = model;
  const peer = `set vpn ipsec site-to-site peer ${t.outsideIp}`;
  return [
    `set interfaces vti ${vti(model, t)} address ${t.customerInsideIp}/${t.insidePrefix}`,
    `set interfaces vti ${vti(model, t)} description "${slug} tunnel ${t.number}"`,
    `set interfaces vti ${vti(model, t)} mtu ${model.mtu}`,
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

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc, slug } = model;
  if (!bgp) {
    // The route is bound to the tunnel's VTI, which follows its SA (DPD restart): a dead tunnel
    // withdraws its route and tunnel 2's (higher distance) takes over.
    return model.tunnels.map(
      (t) =>
        `set protocols static interface-route ${platformVpc.cidr} next-hop-interface ${vti(model, t)} distance ${t.number === 1 ? 10 : 20}`,
    );
  }
  const two = model.tunnels.length > 1;
  const b = `set protocols bgp ${bgp.customerAsn}`;
  const lines: string[] = [];
  if (two) {
    for (const t of model.tunnels) {
      const pref = bgpPreference(t);
      const rin = `set policy route-map ${slug}-${t.number}-in rule 10`;
      const rout = `set policy route-map ${slug}-${t.number}-out rule 10`;
      lines.push(`${rin} action permit`, `${rin} set local-preference ${pref.localPreference}`);
      lines.push(`${rout} action permit`);
      if (pref.prepend > 0) {
        lines.push(`${rout} set as-path-prepend "${Array(pref.prepend).fill(bgp.customerAsn).join(" ")}"`);
      }
    }
  }
  for (const t of model.tunnels) {
    lines.push(
      `${b} neighbor ${t.awsInsideIp} remote-as ${bgp.platformAsn}`,
      `${b} neighbor ${t.awsInsideIp} update-source ${t.customerInsideIp}`,
      `${b} neighbor ${t.awsInsideIp} timers holdtime ${bgp.holdSeconds}`,
      `${b} neighbor ${t.awsInsideIp} timers keepalive ${bgp.keepaliveSeconds}`,
      ...(two
        ? [
            `${b} neighbor ${t.awsInsideIp} route-map import ${slug}-${t.number}-in`,
            `${b} neighbor ${t.awsInsideIp} route-map export ${slug}-${t.number}-out`,
          ]
        : []),
    );
  }
  for (const n of model.customerNetworks) lines.push(`${b} network ${n.cidr}`);
  return lines;
}

export function renderEdgeos(input: RouterConfigInput, device?: DeviceParams): string {
  const model = buildConfigModel(input, device);
  const header = headerLines(model, {
    formatId: "edgeos",
    platform: "Ubiquiti EdgeRouter, EdgeOS 2.x (route-based IPsec on VTI)",
    keepAliveCommands: model.tunnels.map(
      (t) =>
        `tunnel ${t.number}: DPD every ${model.dpd.intervalSeconds} s (action restart); the route bound to ${vti(model, t)} follows its SA`,
    ),
    notes: [
      `The outside interface is ${model.device.outside} (download-page parameter).`,
      `${model.tunnels.map((t) => vti(model, t)).join(" and ")} are free.`,
      "auto-firewall-nat-exclude opens UDP 500/4500 and ESP on the outside interface and exempts NAT.",
      "The MSS clamp applies to every VTI on the router.",
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add 'network <cidr>' entries to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
      "Run 'commit' and 'save' after pasting.",
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- IKE and ESP groups, MSS clamp ---", ...groups(model)],
    ...model.tunnels.map((t) => [`# --- Tunnel ${t.number} ---`, ...tunnel(model, t)]),
    [model.bgp ? "# --- BGP ---" : "# --- Static routes to the platform VPC ---", ...routing(model)],
    commentBlock(
      verifyLines([
        { command: "show vpn ipsec sa", what: "IPsec SAs up per peer" },
        { command: "show vpn ike sa", what: "IKE SAs up" },
        { command: "show interfaces vti", what: "VTIs up" },
        model.bgp
          ? { command: "show ip bgp summary", what: "neighbors Established" }
          : { command: `show ip route ${model.platformVpc.cidr}`, what: "route via the tunnel that is up" },
      ]),
      "#",
    ),
  ]);
}
