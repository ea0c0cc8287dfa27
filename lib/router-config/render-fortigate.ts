// Fortinet FortiGate (FortiOS 6.4+/7.x CLI): route-based (interface-mode) IPsec VPN.
// Follows: FortiOS Administration Guide, "IPsec VPN > Site-to-site VPN" and "Dead peer detection",
// FortiOS CLI Reference "vpn ipsec phase1-interface / phase2-interface", "router bgp";
// AWS Site-to-Site VPN FortiGate sample configs.
import {
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  joinSections,
  shortId,
  type TunnelView,
  tunnelPreferenceNote,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const OUTSIDE = "wan1";
const PROPOSAL = { aes256: "aes256", aes128: "aes128" } as const;

// FortiOS limits phase1-interface names to 15 characters.
const tunnelName = (model: ConfigModel, t: TunnelView) => `vpn${shortId(model)}-${t.number}`;

function phase1(model: ConfigModel): string[] {
  const { phase1: p1, dpd, input } = model;
  const lines = ["config vpn ipsec phase1-interface"];
  for (const t of model.tunnels) {
    lines.push(
      `    edit "${tunnelName(model, t)}"`,
      `        set interface "${OUTSIDE}"`,
      `        set ike-version ${input.ikeVersion === "IKEV2" ? 2 : 1}`,
      ...(input.ikeVersion === "IKEV1" ? ["        set mode main"] : []),
      "        set peertype any",
      "        set net-device disable",
      `        set proposal ${PROPOSAL[p1.encryption]}-${p1.integrity}`,
      `        set dhgrp ${p1.dhGroup}`,
      `        set keylife ${p1.lifetimeSeconds}`,
      `        set remote-gw ${t.outsideIp}`,
      `        set psksecret ${t.psk}`,
      "        set dpd on-idle",
      `        set dpd-retryinterval ${dpd.intervalSeconds}`,
      `        set dpd-retrycount ${dpd.retries}`,
      `        set comments "${model.slug} tunnel ${t.number}"`,
      "    next",
    );
  }
  lines.push("end");
  return lines;
}

function phase2(model: ConfigModel): string[] {
  const { phase2: p2, input } = model;
  const lines = ["config vpn ipsec phase2-interface"];
  for (const t of model.tunnels) {
    const name = tunnelName(model, t);
    lines.push(
      `    edit "${name}"`,
      `        set phase1name "${name}"`,
      `        set proposal ${PROPOSAL[p2.encryption]}-${p2.integrity}`,
      "        set pfs enable",
      `        set dhgrp ${p2.dhGroup}`,
      `        set keylifeseconds ${p2.lifetimeSeconds}`,
      // IKEv2: this side brings the tunnel up and keeps it up; IKEv1: the platform re-initiates.
      `        set auto-negotiate ${input.ikeVersion === "IKEV2" ? "enable" : "disable"}`,
      `        set keepalive ${input.ikeVersion === "IKEV2" ? "enable" : "disable"}`,
      "    next",
    );
  }
  lines.push("end");
  return lines;
}

function interfaces(model: ConfigModel): string[] {
  const lines = ["config system interface"];
  for (const t of model.tunnels) {
    lines.push(
      `    edit "${tunnelName(model, t)}"`,
      `        set vdom "root"`,
      `        set ip ${t.customerInsideIp} 255.255.255.255`,
      `        set remote-ip ${t.awsInsideIp} ${t.insideNetmask}`,
      "        set allowaccess ping",
      "        set mtu-override enable",
      `        set mtu ${model.mtu}`,
      `        set tcp-mss ${model.mss}`,
      `        set interface "${OUTSIDE}"`,
      "    next",
    );
  }
  lines.push("end");
  return lines;
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc } = model;
  if (!bgp) {
    const lines = ["config router static"];
    for (const t of model.tunnels) {
      lines.push(
        "    edit 0",
        `        set dst ${platformVpc.address} ${platformVpc.netmask}`,
        `        set device "${tunnelName(model, t)}"`,
        `        set distance ${t.number === 1 ? 10 : 20}`,
        `        set comment "${model.slug} tunnel ${t.number}"`,
        "    next",
      );
    }
    lines.push("end");
    return lines;
  }
  const lines = [
    "config router bgp",
    `    set as ${bgp.customerAsn}`,
    `    set router-id ${model.tunnels[0]?.customerInsideIp ?? model.input.customerGatewayIp}`,
    "    config neighbor",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `        edit "${t.awsInsideIp}"`,
      `            set remote-as ${bgp.platformAsn}`,
      `            set keep-alive-timer ${bgp.keepaliveSeconds}`,
      `            set holdtime-timer ${bgp.holdSeconds}`,
      "        next",
    );
  }
  lines.push("    end", "    config network");
  model.customerNetworks.forEach((n, i) => {
    lines.push(`        edit ${i + 1}`, `            set prefix ${n.address} ${n.netmask}`, "        next");
  });
  lines.push("    end", "end");
  return lines;
}

export function renderFortigate(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const first = model.tunnels[0];
  const header = headerLines(model, {
    platform: "Fortinet FortiGate, FortiOS 6.4+ / 7.x (route-based, interface mode)",
    keepAliveCommands: first
      ? [
          "config system link-monitor",
          `    edit "${tunnelName(model, first)}-ka"`,
          `        set srcintf "${tunnelName(model, first)}"`,
          `        set server "${model.keepAliveTarget}"`,
          "        set protocol ping",
          // Keep the monitor from withdrawing routes when nothing in the VPC answers the ping.
          "        set update-static-route disable",
          "        set update-cascade-interface disable",
          "    next",
          "end",
        ]
      : [],
    notes: [
      `The outside interface is ${OUTSIDE} in VDOM 'root': replace if yours differ.`,
      "Firewall policies between your internal interfaces and the tunnel interfaces allow the traffic.",
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add 'config network' entries for the networks to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- IKE (phase 1) ---", ...phase1(model)],
    ["# --- IPsec (phase 2) ---", ...phase2(model)],
    ["# --- Tunnel interfaces ---", ...interfaces(model)],
    [model.bgp ? "# --- BGP ---" : "# --- Static routes to the platform VPC ---", ...routing(model)],
  ]);
}
