// VyOS 1.4 (sagitta): route-based IPsec on VTIs, as `set` commands for configure mode.
// Follows: VyOS 1.4 documentation, "IPsec Site-to-Site VPN" (route-based VPN, VTI bind,
// disable-route-autoinstall, connection-type, close-action and DPD) and "BGP" (system-as).
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

const vti = (t: TunnelView) => `vti${t.number}`;
const peerName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;

function groups(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, dpd, slug, customerInitiates, input } = model;
  const ike = `set vpn ipsec ike-group ${slug}`;
  const esp = `set vpn ipsec esp-group ${slug}`;
  return [
    `set vpn ipsec interface '${OUTSIDE}'`,
    "set vpn ipsec options disable-route-autoinstall",
    `${ike} key-exchange '${input.ikeVersion === "IKEV2" ? "ikev2" : "ikev1"}'`,
    `${ike} lifetime '${p1.lifetimeSeconds}'`,
    // IKEv2: this side restarts the tunnel on close and on DPD; IKEv1: the platform re-initiates.
    `${ike} close-action '${customerInitiates ? "start" : "none"}'`,
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
    `set interfaces vti ${vti(t)} address '${t.customerInsideIp}/${t.insidePrefix}'`,
    `set interfaces vti ${vti(t)} description '${slug} tunnel ${t.number}'`,
    `set interfaces vti ${vti(t)} mtu '${model.mtu}'`,
    `set interfaces vti ${vti(t)} ip adjust-mss '${model.mss}'`,
    `${psk} id '${t.outsideIp}'`,
    `${psk} id '${input.customerGatewayIp}'`,
    `${psk} secret '${t.psk}'`,
    `${peer} authentication local-id '${input.customerGatewayIp}'`,
    `${peer} authentication mode 'pre-shared-secret'`,
    `${peer} authentication remote-id '${t.outsideIp}'`,
    `${peer} connection-type '${model.customerInitiates ? "initiate" : "respond"}'`,
    `${peer} description '${slug} tunnel ${t.number}'`,
    `${peer} ike-group '${slug}'`,
    `${peer} local-address 'any'`,
    `${peer} remote-address '${t.outsideIp}'`,
    `${peer} vti bind '${vti(t)}'`,
    `${peer} vti esp-group '${slug}'`,
  ];
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc } = model;
  if (!bgp) {
    return model.tunnels.map(
      (t) =>
        `set protocols static route ${platformVpc.cidr} next-hop ${t.awsInsideIp} distance '${t.number === 1 ? 10 : 20}'`,
    );
  }
  const lines = [`set protocols bgp system-as '${bgp.customerAsn}'`];
  for (const t of model.tunnels) {
    const n = `set protocols bgp neighbor ${t.awsInsideIp}`;
    lines.push(
      `${n} remote-as '${bgp.platformAsn}'`,
      `${n} update-source '${t.customerInsideIp}'`,
      `${n} timers holdtime '${bgp.holdSeconds}'`,
      `${n} timers keepalive '${bgp.keepaliveSeconds}'`,
      `${n} address-family ipv4-unicast`,
    );
  }
  for (const n of model.customerNetworks)
    lines.push(`set protocols bgp address-family ipv4-unicast network '${n.cidr}'`);
  return lines;
}

export function renderVyos(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "VyOS 1.4 (sagitta), route-based IPsec on VTI",
    keepAliveCommands: [
      "set system task-scheduler task vpn-keepalive interval '1m'",
      "set system task-scheduler task vpn-keepalive executable path '/bin/ping'",
      `set system task-scheduler task vpn-keepalive executable arguments '-c 55 -i 1 -W 1 ${model.keepAliveTarget}'`,
    ],
    notes: [
      `The outside interface is ${OUTSIDE}: replace it if yours differs.`,
      `${model.tunnels.map(vti).join(" and ")} are free; local-address 'any' uses the address of the default-route interface.`,
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
  ]);
}
