// Fortinet FortiGate (FortiOS CLI): route-based (interface-mode) IPsec VPN.
// Vendor documents: FortiOS 7.2/7.4 Administration Guide, "IPsec VPN > Site-to-site VPN", "Dead peer
// detection", "Link monitor", "Static routes" (same distance + priority keeps both routes in the FIB
// so traffic AWS returns on tunnel 2 passes the RPF check; blackhole route); FortiOS CLI Reference
// "vpn ipsec phase1-interface / phase2-interface", "firewall policy", "router bgp", "router
// route-map"; Fortinet Cookbook "IPsec VPN to AWS" (firewall policies); AWS Site-to-Site VPN sample
// "Fortinet Fortigate 40+ Series / FortiOS 6.4.4+". Release: FortiOS 7.0/7.2/7.4.
import type { DeviceParams } from "./device-params";
import {
  bgpPreference,
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  joinSections,
  shortId,
  type TunnelView,
  tunnelPreferenceNote,
  verifyLines,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const PROPOSAL = { aes256: "aes256", aes128: "aes128" } as const;

// FortiOS limits phase1-interface names to 15 characters; the connection ID keeps them unique.
const tunnelName = (model: ConfigModel, t: TunnelView) => `vpn${shortId(model)}-${t.number}`;
const vpcAddress = (model: ConfigModel) => `vpc-${shortId(model)}`;

function phase1(model: ConfigModel): string[] {
  const { phase1: p1, dpd, input } = model;
  const lines = ["config vpn ipsec phase1-interface"];
  for (const t of model.tunnels) {
    lines.push(
      `    edit "${tunnelName(model, t)}"`,
      `        set interface "${model.device.outside}"`,
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
  const { phase2: p2 } = model;
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
      // DESIGN §5: the platform never initiates (AWS: never IKEv1), so this side brings the tunnel
      // up without waiting for traffic and keeps it up, for either IKE version.
      "        set auto-negotiate enable",
      "        set keepalive enable",
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
      `        set interface "${model.device.outside}"`,
      "    next",
    );
  }
  lines.push("end");
  return lines;
}

/** Address object and policies both ways between the inside interface and the tunnels, no NAT. */
function policies(model: ConfigModel): string[] {
  const { platformVpc, device } = model;
  const tunnels = model.tunnels.map((t) => `"${tunnelName(model, t)}"`).join(" ");
  return [
    "config firewall address",
    `    edit "${vpcAddress(model)}"`,
    `        set subnet ${platformVpc.address} ${platformVpc.netmask}`,
    `        set comment "${model.slug} platform VPC"`,
    "    next",
    "end",
    "config firewall policy",
    "    edit 0",
    `        set name "${shortId(model)}-to-vpc"`,
    `        set srcintf "${device.inside}"`,
    `        set dstintf ${tunnels}`,
    `        set srcaddr "all"`,
    `        set dstaddr "${vpcAddress(model)}"`,
    "        set action accept",
    `        set schedule "always"`,
    `        set service "ALL"`,
    "        set nat disable",
    "    next",
    "    edit 0",
    `        set name "${shortId(model)}-from-vpc"`,
    `        set srcintf ${tunnels}`,
    `        set dstintf "${device.inside}"`,
    `        set srcaddr "${vpcAddress(model)}"`,
    `        set dstaddr "all"`,
    "        set action accept",
    `        set schedule "always"`,
    `        set service "ALL"`,
    "        set nat disable",
    "    next",
    "end",
  ];
}

/** Per-tunnel link monitor: a ping to that tunnel's AWS inside address; failure withdraws its routes. */
function linkMonitors(model: ConfigModel): string[] {
  const lines = ["config system link-monitor"];
  for (const t of model.tunnels) {
    lines.push(
      `    edit "${tunnelName(model, t)}"`,
      `        set srcintf "${tunnelName(model, t)}"`,
      `        set server "${t.awsInsideIp}"`,
      "        set protocol ping",
      // FortiOS 6.4+ counts the interval in milliseconds (500-3600000).
      "        set interval 5000",
      "        set failtime 3",
      "        set update-static-route enable",
      "    next",
    );
  }
  lines.push("end");
  return lines;
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc, slug } = model;
  if (!bgp) {
    const lines = ["config router static"];
    for (const t of model.tunnels) {
      // Same distance keeps both routes in the FIB (return traffic on tunnel 2 passes RPF);
      // priority (lower wins) makes tunnel 1 the preferred path.
      lines.push(
        "    edit 0",
        `        set dst ${platformVpc.address} ${platformVpc.netmask}`,
        `        set device "${tunnelName(model, t)}"`,
        "        set distance 10",
        `        set priority ${t.number === 1 ? 0 : 10}`,
        `        set comment "${slug} tunnel ${t.number}"`,
        "    next",
      );
    }
    lines.push(
      "    edit 0",
      `        set dst ${platformVpc.address} ${platformVpc.netmask}`,
      "        set blackhole enable",
      "        set distance 254",
      `        set comment "${slug} VPC blackhole: never leak VPC traffic to the internet"`,
      "    next",
      "end",
    );
    return [...linkMonitors(model), ...lines];
  }
  const two = model.tunnels.length > 1;
  const lines: string[] = [
    "config router static",
    "    edit 0",
    `        set dst ${platformVpc.address} ${platformVpc.netmask}`,
    "        set blackhole enable",
    "        set distance 254",
    `        set comment "${slug} VPC blackhole: never leak VPC traffic to the internet"`,
    "    next",
    "end",
  ];
  if (two) {
    lines.push("config router route-map");
    for (const t of model.tunnels) {
      const pref = bgpPreference(t);
      lines.push(
        `    edit "${tunnelName(model, t)}-in"`,
        "        config rule",
        "            edit 1",
        `                set set-local-preference ${pref.localPreference}`,
        "            next",
        "        end",
        "    next",
        `    edit "${tunnelName(model, t)}-out"`,
        "        config rule",
        "            edit 1",
        ...(pref.prepend > 0
          ? [`                set set-aspath "${Array(pref.prepend).fill(bgp.customerAsn).join(" ")}"`]
          : []),
        "            next",
        "        end",
        "    next",
      );
    }
    lines.push("end");
  }
  lines.push(
    "config router bgp",
    `    set as ${bgp.customerAsn}`,
    `    set router-id ${model.tunnels[0]?.customerInsideIp ?? model.input.customerGatewayIp}`,
    "    config neighbor",
  );
  for (const t of model.tunnels) {
    lines.push(
      `        edit "${t.awsInsideIp}"`,
      `            set remote-as ${bgp.platformAsn}`,
      `            set keep-alive-timer ${bgp.keepaliveSeconds}`,
      `            set holdtime-timer ${bgp.holdSeconds}`,
      ...(two
        ? [
            `            set route-map-in "${tunnelName(model, t)}-in"`,
            `            set route-map-out "${tunnelName(model, t)}-out"`,
          ]
        : []),
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

export function renderFortigate(input: RouterConfigInput, device?: DeviceParams): string {
  const model = buildConfigModel(input, device);
  const header = headerLines(model, {
    formatId: "fortigate",
    platform: "Fortinet FortiGate, FortiOS 7.x (route-based, interface mode)",
    keepAliveCommands: model.tunnels.map(
      (t) =>
        `link-monitor "${tunnelName(model, t)}": ping ${t.awsInsideIp} every 5 s (interval 5000 ms); update-static-route withdraws its route`,
    ),
    notes: [
      `The outside interface is ${model.device.outside} and the inside interface ${model.device.inside}, VDOM 'root' (download-page parameters).`,
      "FortiGate admits IKE (UDP 500/4500) and ESP to the outside interface for configured phase1 gateways.",
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
    ["# --- Firewall policies (no NAT towards the VPC) ---", ...policies(model)],
    [
      model.bgp
        ? "# --- BGP ---"
        : "# --- Per-tunnel link monitors and static routes to the platform VPC ---",
      ...routing(model),
    ],
    commentBlock(
      verifyLines([
        { command: "diagnose vpn ike gateway list", what: "IKE SA established per tunnel" },
        { command: "diagnose vpn tunnel list", what: "IPsec SAs, packets in/out" },
        { command: "get vpn ipsec tunnel summary", what: "both tunnels up" },
        model.bgp
          ? { command: "get router info bgp summary", what: "neighbors up, prefixes received" }
          : { command: "diagnose sys link-monitor status", what: "each monitor alive; routes in the FIB" },
      ]),
      "#",
    ),
  ]);
}
