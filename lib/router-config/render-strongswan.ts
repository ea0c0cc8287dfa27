// strongSwan (swanctl.conf) renderer for the CUSTOMER side of a platform site-to-site VPN.
//
// Vendor document: strongSwan swanctl.conf(5) and "Route-based VPNs" (docs.strongswan.org, 5.9.x);
// release: strongSwan 5.9.x (lab-proven on 5.9.8).
// Follows the strongSwan swanctl.conf(5) reference for 5.9.x (connections.<conn>.{version,
// aggressive, mobike, local_addrs, remote_addrs, proposals, rekey_time, dpd_delay, dpd_timeout,
// keyingtries}, connections.<conn>.children.<child>.{local_ts, remote_ts, if_id_in, if_id_out,
// esp_proposals, rekey_time, dpd_action, start_action, close_action}, secrets.ike<suffix>) and the
// AWS Site-to-Site VPN generic customer gateway configuration (per tunnel: outside IPs, inside /30,
// PSK, IKE and IPsec parameters, DPD, MTU 1399 and MSS 1359).
//
// Route-based: each tunnel negotiates 0.0.0.0/0 <-> 0.0.0.0/0 and is bound to its own XFRM interface
// by if_id_in/if_id_out, so two tunnels with identical selectors coexist and routing (static routes
// or BGP) picks the tunnel. Pure and deterministic for a given input.
import type { ConfigModel, PhaseView, Renderer, TunnelView, VerifyCommand } from "./render-kit";
import {
  buildConfigModel,
  commentBlock,
  DH_GROUP_NAMES,
  defaultDeviceParams,
  headerLines,
  ifNumber,
  joinSections,
  verifyLines,
} from "./render-kit";

/**
 * Name of the swanctl connection (and of its CHILD_SA) of a tunnel, by the device's tunnel interface
 * number (so two connections on one host never share a name); the lab finds SAs by it.
 */
export function strongswanConnectionName(tunnelInterfaceNumber: number): string {
  return `aws-tunnel-${tunnelInterfaceNumber}`;
}

/** XFRM interface name of a tunnel, by the device's tunnel interface number (= its if_id). */
export function xfrmInterfaceName(tunnelInterfaceNumber: number): string {
  return `xfrm-aws${tunnelInterfaceNumber}`;
}

/** Route metric of the platform VPC route through a tunnel: tunnel 1 preferred. */
export function staticRouteMetric(tunnelNumber: 1 | 2): number {
  return tunnelNumber === 1 ? 100 : 200;
}

/** The last verification line of the Linux files: BGP sessions (FRR file) or the VPC route. */
export function linuxRoutingCheck(model: ConfigModel): VerifyCommand {
  return model.bgp
    ? { command: "vtysh -c 'show bgp summary'", what: "BGP sessions Established (FRR file)" }
    : { command: `ip route show ${model.platformVpc.cidr}`, what: "route via the tunnel that is up" };
}

/** Marks the lines of the up/down script inside the file's comments (`sed -n 's/^#| //p'`). */
export const UPDOWN_LINE_PREFIX = "#| ";

/**
 * The up/down script the file's children call (strongSwan runs `updown` through the shell with
 * PLUTO_VERB set): up-client installs the platform VPC route into the tunnel's XFRM interface,
 * down-client withdraws it, so a dead tunnel (DPD, close, delete) drops its route and the other
 * tunnel's route carries the VPC traffic. An XFRM interface stays up when its SA dies, so a route
 * bound to the interface alone would never fail over.
 */
export function updownScript(): string[] {
  return [
    "#!/bin/sh",
    "# strongSwan/libreswan updown for route-based platform tunnels (installed from the portal's file).",
    "# Arguments: <tunnel interface> <platform VPC CIDR> <metric>. PLUTO_VERB is set by the daemon.",
    'dev="$1"; vpc="$2"; metric="$3"',
    'case "$PLUTO_VERB" in',
    '  up-client) ip route replace "$vpc" dev "$dev" metric "$metric" ;;',
    '  down-client) ip route del "$vpc" dev "$dev" metric "$metric" 2>/dev/null || true ;;',
    "esac",
    "exit 0",
  ];
}

/** strongSwan proposal keyword, e.g. aes256-sha256-modp2048 (ESP: the DH group is PFS). */
export function strongswanProposal(phase: PhaseView): string {
  return `${phase.encryption}-${phase.integrity}-${DH_GROUP_NAMES[phase.dhGroup]}`;
}

/** A swanctl connection's `local` and `remote` sections: both ends authenticate by PSK, each by its id. */
export function swanctlPskEnds(localId: string, remoteId: string): string[] {
  return [
    "    local {",
    "      auth = psk",
    `      id = ${localId}`,
    "    }",
    "    remote {",
    "      auth = psk",
    `      id = ${remoteId}`,
    "    }",
  ];
}

function routeBasedNotes(model: ConfigModel): string[] {
  const { device } = model;
  const lines = [
    "ROUTE-BASED SETUP (Linux). This file holds the IKE/IPsec definitions; each tunnel's SAs carry",
    "if_id_in/if_id_out = the tunnel interface number and belong to the XFRM interface with that",
    "if_id. Create the interfaces once at boot (e.g. a systemd unit or /etc/network/interfaces):",
  ];
  for (const t of model.tunnels) {
    const n = ifNumber(model, t);
    const dev = xfrmInterfaceName(n);
    lines.push(
      `  ip link add ${dev} type xfrm dev ${device.outside} if_id ${n}`,
      `  ip addr add ${t.customerInsideIp}/${t.insidePrefix} dev ${dev}    # AWS side is ${t.awsInsideIp}`,
      `  ip link set ${dev} mtu ${model.mtu} up`,
    );
  }
  lines.push(
    `  iptables -t mangle -A FORWARD -o xfrm-aws+ -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss ${model.mss}`,
    "Forwarding, and return traffic that AWS sends on either tunnel (loose reverse-path filter):",
    "  sysctl -w net.ipv4.ip_forward=1",
    "  sysctl -w net.ipv4.conf.all.rp_filter=2",
    ...model.tunnels.map(
      (t) => `  sysctl -w net.ipv4.conf.${xfrmInterfaceName(ifNumber(model, t))}.rp_filter=2`,
    ),
    "The outside interface admits IKE (UDP 500, 4500) and ESP from each AWS outside IP, e.g.:",
    ...model.tunnels.flatMap((t) => [
      `  iptables -A INPUT -i ${device.outside} -s ${t.outsideIp} -p udp -m multiport --dports 500,4500 -j ACCEPT`,
      `  iptables -A INPUT -i ${device.outside} -s ${t.outsideIp} -p esp -j ACCEPT`,
    ]),
    "In strongswan.conf set `charon { install_routes = no }`: routes come from the up/down script.",
  );
  if (model.bgp) {
    lines.push(
      "Routing: BGP over the inside addresses (see the FRR configuration for this connection); the",
      "children call no up/down script.",
    );
  } else {
    lines.push(
      `Routing: each child's up/down script adds the route to ${model.platformVpc.cidr} into its XFRM`,
      "interface when the tunnel comes up and removes it when the tunnel goes down (tunnel 1 metric",
      `${staticRouteMetric(1)}, tunnel 2 metric ${staticRouteMetric(2)}: tunnel 1 preferred). Install the script below at`,
      `${device.updown} (chmod 755), e.g. \`sed -n 's/^#| //p' <this file> > ${device.updown}\`:`,
    );
  }
  return lines;
}

function connection(model: ConfigModel, t: TunnelView): string[] {
  const { input, dpd } = model;
  const ikev2 = input.ikeVersion === "IKEV2";
  const ifId = ifNumber(model, t);
  const name = strongswanConnectionName(ifId);
  const ikev1 = !ikev2;
  const lines = [
    `  # Tunnel ${t.number}: AWS outside IP ${t.outsideIp}; inside ${t.insideCidr} (AWS ${t.awsInsideIp}, you ${t.customerInsideIp});`,
    `  # XFRM interface ${xfrmInterfaceName(ifId)} (if_id ${ifId}), MTU ${model.mtu}, TCP MSS ${model.mss}.`,
    `  ${name} {`,
    `    version = ${ikev2 ? 2 : 1}`,
    ikev2 ? "    mobike = no" : "    aggressive = no  # main mode",
    "    # local_addrs left at %any so a gateway behind NAT works; the public IP is the local id.",
    `    remote_addrs = ${t.outsideIp}`,
    `    proposals = ${strongswanProposal(model.phase1)}`,
    ...ikeLifetime(model, ikev1),
    "    keyingtries = 0",
    `    dpd_delay = ${dpd.intervalSeconds}s`,
    ikev2
      ? `    # IKEv2 ignores dpd_timeout: an unanswered DPD fails after charon's retransmission schedule.`
      : `    dpd_timeout = ${dpd.timeoutSeconds}s`,
    ...swanctlPskEnds(input.customerGatewayIp, t.outsideIp),
    "    children {",
    `      ${name} {`,
    "        local_ts = 0.0.0.0/0",
    "        remote_ts = 0.0.0.0/0",
    `        if_id_in = ${ifId}`,
    `        if_id_out = ${ifId}`,
    `        esp_proposals = ${strongswanProposal(model.phase2)}`,
    ...childLifetime(model, ikev1),
    "        dpd_action = restart",
    // DESIGN §5: the platform (AWS) never initiates IKEv1 and IKEv2 only with startup action
    // `start` (provisioning sends `add`), so this side starts the tunnel on load and restarts it.
    "        # The platform never initiates (AWS: never for IKEv1, IKEv2 only with startup action",
    "        # 'start'): this side starts the tunnel on load, restarts it after DPD and after a close.",
    "        start_action = start",
    "        close_action = start",
  ];
  if (!model.bgp) {
    lines.push(
      `        updown = ${model.device.updown} ${xfrmInterfaceName(ifId)} ${model.platformVpc.cidr} ${staticRouteMetric(t.number)}`,
    );
  }
  lines.push("      }", "    }", "  }");
  return lines;
}

/**
 * IKEv1 proposes a lifetime of rekey_time + over_time (over_time defaults to 10 %: 31680 s/3960 s),
 * longer than AWS accepts: rekey earlier and end exactly at the AWS lifetime. IKEv2 negotiates no
 * lifetime, so rekey_time is the AWS lifetime there.
 */
function ikeLifetime(model: ConfigModel, ikev1: boolean): string[] {
  const life = model.phase1.lifetimeSeconds;
  if (!ikev1) return [`    rekey_time = ${life}s`];
  const over = Math.round(life / 10);
  return [`    rekey_time = ${life - over}s`, `    over_time = ${over}s  # proposed lifetime ${life} s`];
}

function childLifetime(model: ConfigModel, ikev1: boolean): string[] {
  const life = model.phase2.lifetimeSeconds;
  if (!ikev1) return [`        rekey_time = ${life}s`];
  const over = Math.round(life / 10);
  return [`        rekey_time = ${life - over}s`, `        life_time = ${life}s  # proposed lifetime`];
}

function secret(model: ConfigModel, t: TunnelView): string[] {
  return [
    `  ike-tun${t.number} {`,
    `    id-local = ${model.input.customerGatewayIp}`,
    `    id-remote = ${t.outsideIp}`,
    `    secret = "${t.psk}"`,
    "  }",
  ];
}

export const renderStrongswan: Renderer = (input, device) => {
  const model = buildConfigModel(input, device ?? defaultDeviceParams("strongswan", 1));
  const header = headerLines(model, {
    formatId: "strongswan",
    platform: "strongSwan 5.9+ (swanctl.conf), Linux with XFRM interfaces",
    keepAliveCommands: model.tunnels.map(
      (t) =>
        `ping -i 5 -I ${xfrmInterfaceName(ifNumber(model, t))} ${t.awsInsideIp}   # tunnel ${t.number}, e.g. as a systemd service`,
    ),
    notes: [
      "Install as /etc/swanctl/conf.d/<name>.conf (chmod 600: it holds the keys), then `swanctl --load-all`.",
      `${model.device.outside} is your uplink holding the customer gateway IP (download-page parameter).`,
    ],
  });
  const script = model.bgp ? [] : updownScript().map((line) => `${UPDOWN_LINE_PREFIX}${line}`.trimEnd());
  return joinSections([
    [commentBlock([...header, "", ...routeBasedNotes(model)], "#"), ...script].join("\n"),
    [
      "connections {",
      ...model.tunnels.flatMap((t, i) => [...(i > 0 ? [""] : []), ...connection(model, t)]),
      "}",
    ],
    [
      "secrets {",
      "  # One key per tunnel, matched by both IDs.",
      ...model.tunnels.flatMap((t) => secret(model, t)),
      "}",
    ],
    commentBlock(
      verifyLines([
        { command: "swanctl --list-sas", what: "IKE SA ESTABLISHED and CHILD SA INSTALLED per tunnel" },
        { command: "swanctl --list-conns", what: "both connections loaded" },
        { command: "ip -s link show type xfrm", what: "XFRM interfaces up, packets counted" },
        linuxRoutingCheck(model),
      ]),
      "#",
    ),
  ]);
};
