// strongSwan (swanctl.conf) renderer for the CUSTOMER side of a platform site-to-site VPN.
//
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
import {
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  type DhGroup,
  headerLines,
  joinSections,
  type PhaseView,
  type TunnelView,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

/** Name of the swanctl connection (and of its CHILD_SA) for a tunnel; the lab finds SAs by it. */
export function strongswanConnectionName(tunnelNumber: number): string {
  return `aws-tunnel-${tunnelNumber}`;
}

/** XFRM interface ID (if_id_in = if_id_out) of a tunnel: 1 for tunnel 1, 2 for tunnel 2. */
export function strongswanIfId(tunnelNumber: number): number {
  return tunnelNumber;
}

const DH_KEYWORD: Record<DhGroup, string> = {
  14: "modp2048",
  15: "modp3072",
  16: "modp4096",
  19: "ecp256",
  20: "ecp384",
  21: "ecp521",
};

/** strongSwan proposal keyword, e.g. aes256-sha256-modp2048 (ESP: the DH group is PFS). */
export function strongswanProposal(phase: PhaseView): string {
  return `${phase.encryption}-${phase.integrity}-${DH_KEYWORD[phase.dhGroup]}`;
}

function xfrmName(t: TunnelView): string {
  return `xfrm-aws${t.number}`;
}

function routeBasedNotes(model: ConfigModel): string[] {
  const lines = [
    "ROUTE-BASED SETUP (Linux). This file only holds IKE/IPsec definitions. Each tunnel's SAs carry",
    "if_id_in/if_id_out = tunnel number and belong to an XFRM interface with that if_id; create the",
    "interfaces once at boot or from an updown script (the daemon installs no routes for SAs with",
    "if_id set; also add `charon { install_routes = no }` to strongswan.conf):",
  ];
  for (const t of model.tunnels) {
    const dev = xfrmName(t);
    lines.push(
      `  ip link add ${dev} type xfrm dev <wan-interface> if_id ${strongswanIfId(t.number)}`,
      `  ip addr add ${t.customerInsideIp}/${t.insidePrefix} dev ${dev}    # AWS side is ${t.awsInsideIp}`,
      `  ip link set ${dev} mtu ${model.mtu} up`,
    );
  }
  lines.push(
    `  iptables -t mangle -A FORWARD -o xfrm-aws+ -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss ${model.mss}`,
    "Kernels before 4.19 (no XFRM interfaces): use VTIs instead, e.g.",
    `  ip link add vti-aws1 type vti local ${model.input.customerGatewayIp} remote <AWS outside IP> key 1`,
    "with mark_in = mark_out = 1 in place of if_id_in/if_id_out, and sysctl",
    "net.ipv4.conf.vti-aws1.disable_policy=1.",
  );
  if (model.bgp) {
    lines.push("Routing: BGP over the inside addresses (see the FRR configuration for this connection).");
  } else {
    lines.push("Routing: static routes to the platform VPC into the tunnels, tunnel 1 preferred:");
    model.tunnels.forEach((t, i) => {
      lines.push(`  ip route add ${model.platformVpc.cidr} dev ${xfrmName(t)} metric ${100 * (i + 1)}`);
    });
  }
  return lines;
}

function connection(model: ConfigModel, t: TunnelView): string[] {
  const { input, dpd } = model;
  const ikev2 = input.ikeVersion === "IKEV2";
  const name = strongswanConnectionName(t.number);
  const ifId = strongswanIfId(t.number);
  const lines = [
    `  # Tunnel ${t.number}: AWS outside IP ${t.outsideIp}; inside ${t.insideCidr} (AWS ${t.awsInsideIp}, you ${t.customerInsideIp});`,
    `  # XFRM interface if_id ${ifId}, MTU ${model.mtu}, TCP MSS ${model.mss}.`,
    `  ${name} {`,
    `    version = ${ikev2 ? 2 : 1}`,
    ikev2 ? "    mobike = no" : "    aggressive = no  # main mode",
    `    local_addrs = ${input.customerGatewayIp}`,
    `    remote_addrs = ${t.outsideIp}`,
    `    proposals = ${strongswanProposal(model.phase1)}`,
    `    rekey_time = ${model.phase1.lifetimeSeconds}s`,
    "    keyingtries = 0",
    `    dpd_delay = ${dpd.intervalSeconds}s`,
    ikev2
      ? `    # IKEv2 ignores dpd_timeout: an unanswered DPD fails after charon's retransmission schedule.`
      : `    dpd_timeout = ${dpd.timeoutSeconds}s`,
    "    local {",
    "      auth = psk",
    `      id = ${input.customerGatewayIp}`,
    "    }",
    "    remote {",
    "      auth = psk",
    `      id = ${t.outsideIp}`,
    "    }",
    "    children {",
    `      ${name} {`,
    "        local_ts = 0.0.0.0/0",
    "        remote_ts = 0.0.0.0/0",
    `        if_id_in = ${ifId}`,
    `        if_id_out = ${ifId}`,
    `        esp_proposals = ${strongswanProposal(model.phase2)}`,
    `        rekey_time = ${model.phase2.lifetimeSeconds}s`,
    "        dpd_action = restart",
  ];
  if (ikev2) {
    lines.push(
      "        # IKEv2: the platform never re-initiates; this side starts the tunnel when the file is",
      "        # loaded and restarts it after a DPD failure (dpd_action) or a close by the peer.",
      "        start_action = start",
      "        close_action = start",
    );
  } else {
    lines.push(
      "        # IKEv1: the platform side re-initiates after inactivity, so no close action is needed;",
      "        # starting on load brings the tunnel up at once instead of waiting for the platform.",
      "        start_action = start",
      "        close_action = none",
    );
  }
  lines.push("      }", "    }", "  }");
  return lines;
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

export function renderStrongswan(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "strongSwan 5.8+ (swanctl.conf), Linux with XFRM interfaces",
    keepAliveCommands: [
      `ping -i 5 -I <an address in your subnet> ${model.keepAliveTarget}   # e.g. as a systemd service`,
    ],
    notes: [
      "Install as /etc/swanctl/conf.d/<name>.conf (chmod 600: it holds the keys), then `swanctl --load-all`.",
      "<wan-interface> below is your uplink holding the customer gateway IP.",
    ],
  });
  return joinSections([
    commentBlock([...header, "", ...routeBasedNotes(model)], "#"),
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
  ]);
}
