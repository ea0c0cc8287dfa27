// Ubiquiti EdgeRouter, EdgeOS 2.x: route-based IPsec on VTIs, as `set` commands for configure mode.
// Follows: Ubiquiti Help Center "EdgeRouter - Route-Based Site-to-Site VPN to AWS VPC (VTI over IKEv1/
// IPsec)" and "EdgeRouter - BGP over route-based VPN"; AWS Site-to-Site VPN Vyatta sample configs.
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

const OUTSIDE = "eth0";

const vti = (t: TunnelView) => `vti${t.number - 1}`;

function groups(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, dpd, slug, input } = model;
  const ike = `set vpn ipsec ike-group ${slug}`;
  const esp = `set vpn ipsec esp-group ${slug}`;
  return [
    `set vpn ipsec ipsec-interfaces interface ${OUTSIDE}`,
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
    `set interfaces vti ${vti(t)} address ${t.customerInsideIp}/${t.insidePrefix}`,
    `set interfaces vti ${vti(t)} description "${slug} tunnel ${t.number}"`,
    `set interfaces vti ${vti(t)} mtu ${model.mtu}`,
    `${peer} authentication mode pre-shared-secret`,
    `${peer} authentication pre-shared-secret ${t.psk}`,
    `${peer} authentication id ${input.customerGatewayIp}`,
    `${peer} authentication remote-id ${t.outsideIp}`,
    // IKEv2: this side initiates (DPD action restart re-initiates); IKEv1: the platform re-initiates.
    `${peer} connection-type ${model.customerInitiates ? "initiate" : "respond"}`,
    `${peer} description "${slug} tunnel ${t.number}"`,
    `${peer} ike-group ${slug}`,
    `${peer} ikev2-reauth inherit`,
    `${peer} local-address any`,
    `${peer} vti bind ${vti(t)}`,
    `${peer} vti esp-group ${slug}`,
  ];
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc } = model;
  if (!bgp) {
    return model.tunnels.map(
      (t) =>
        `set protocols static interface-route ${platformVpc.cidr} next-hop-interface ${vti(t)} distance ${t.number === 1 ? 10 : 20}`,
    );
  }
  const b = `set protocols bgp ${bgp.customerAsn}`;
  const lines: string[] = [];
  for (const t of model.tunnels) {
    lines.push(
      `${b} neighbor ${t.awsInsideIp} remote-as ${bgp.platformAsn}`,
      `${b} neighbor ${t.awsInsideIp} update-source ${t.customerInsideIp}`,
      `${b} neighbor ${t.awsInsideIp} timers holdtime ${bgp.holdSeconds}`,
      `${b} neighbor ${t.awsInsideIp} timers keepalive ${bgp.keepaliveSeconds}`,
    );
  }
  for (const n of model.customerNetworks) lines.push(`${b} network ${n.cidr}`);
  return lines;
}

export function renderEdgeos(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "Ubiquiti EdgeRouter, EdgeOS 2.x (route-based IPsec on VTI)",
    keepAliveCommands: [
      "set system task-scheduler task vpn-keepalive interval 1m",
      "set system task-scheduler task vpn-keepalive executable path /bin/ping",
      `set system task-scheduler task vpn-keepalive executable arguments "-c 55 -i 1 -W 1 ${model.keepAliveTarget}"`,
    ],
    notes: [
      `The outside interface is ${OUTSIDE}: replace it if yours differs.`,
      `${model.tunnels.map(vti).join(" and ")} are free.`,
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
  ]);
}
