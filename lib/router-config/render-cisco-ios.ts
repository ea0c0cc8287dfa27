// Cisco IOS / IOS XE: static VTIs with tunnel protection, for IKEv2 and for IKEv1 (no crypto maps).
// Follows: Cisco IOS XE Security Configuration Guide, "IPsec Virtual Tunnel Interfaces" and
// "Configuring Internet Key Exchange Version 2"; AWS Site-to-Site VPN Cisco IOS sample configs.
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

const OUTSIDE = "GigabitEthernet1";
const IKEV2_ENCRYPTION = { aes256: "aes-cbc-256", aes128: "aes-cbc-128" } as const;
const ISAKMP_ENCRYPTION = { aes256: "aes 256", aes128: "aes 128" } as const;
const ESP_ENCRYPTION = { aes256: "esp-aes 256", aes128: "esp-aes 128" } as const;
const ESP_INTEGRITY = {
  sha256: "esp-sha256-hmac",
  sha384: "esp-sha384-hmac",
  sha512: "esp-sha512-hmac",
} as const;

function names(model: ConfigModel, tunnel: TunnelView) {
  const base = `${model.slug}-${tunnel.number}`;
  return { ike: base, ipsec: base, iface: `Tunnel${tunnel.number}` };
}

function ikev2(model: ConfigModel): string[] {
  const { phase1, dpd, input, slug } = model;
  const lines = [
    `crypto ikev2 proposal ${slug}`,
    ` encryption ${IKEV2_ENCRYPTION[phase1.encryption]}`,
    ` integrity ${phase1.integrity}`,
    ` prf ${phase1.integrity}`,
    ` group ${phase1.dhGroup}`,
    "!",
    `crypto ikev2 policy ${slug}`,
    ` proposal ${slug}`,
    "!",
    `crypto ikev2 keyring ${slug}`,
  ];
  for (const t of model.tunnels) {
    lines.push(` peer aws-tunnel-${t.number}`, `  address ${t.outsideIp}`, `  pre-shared-key ${t.psk}`, " !");
  }
  lines.push("!");
  for (const t of model.tunnels) {
    lines.push(
      `crypto ikev2 profile ${names(model, t).ike}`,
      ` match identity remote address ${t.outsideIp} 255.255.255.255`,
      ` identity local address ${input.customerGatewayIp}`,
      " authentication remote pre-share",
      " authentication local pre-share",
      ` keyring local ${slug}`,
      ` lifetime ${phase1.lifetimeSeconds}`,
      // Periodic DPD: this side owns (re)initiation under IKEv2, so it must notice a dead peer itself.
      ` dpd ${dpd.intervalSeconds} ${dpd.retries} periodic`,
      "!",
    );
  }
  return lines;
}

function ikev1(model: ConfigModel): string[] {
  const { phase1, dpd } = model;
  const lines = [
    "crypto isakmp policy 200",
    ` encryption ${ISAKMP_ENCRYPTION[phase1.encryption]}`,
    ` hash ${phase1.integrity}`,
    " authentication pre-share",
    ` group ${phase1.dhGroup}`,
    ` lifetime ${phase1.lifetimeSeconds}`,
    "!",
  ];
  for (const t of model.tunnels) {
    const n = names(model, t);
    lines.push(
      `crypto keyring ${n.ike}`,
      ` local-address ${OUTSIDE}`,
      ` pre-shared-key address ${t.outsideIp} key ${t.psk}`,
      "!",
      `crypto isakmp profile ${n.ike}`,
      ` keyring ${n.ike}`,
      ` match identity address ${t.outsideIp} 255.255.255.255`,
      ` local-address ${OUTSIDE}`,
      ` keepalive ${dpd.intervalSeconds} retry ${dpd.intervalSeconds}`,
      "!",
    );
  }
  return lines;
}

function ipsec(model: ConfigModel): string[] {
  const { phase2, slug, input } = model;
  const lines = [
    `crypto ipsec transform-set ${slug} ${ESP_ENCRYPTION[phase2.encryption]} ${ESP_INTEGRITY[phase2.integrity]}`,
    " mode tunnel",
    "!",
    "crypto ipsec df-bit clear",
    "!",
  ];
  for (const t of model.tunnels) {
    const n = names(model, t);
    lines.push(
      `crypto ipsec profile ${n.ipsec}`,
      ` set transform-set ${slug}`,
      ` set pfs group${phase2.dhGroup}`,
      ` set security-association lifetime seconds ${phase2.lifetimeSeconds}`,
      input.ikeVersion === "IKEV2" ? ` set ikev2-profile ${n.ike}` : ` set isakmp-profile ${n.ike}`,
      "!",
    );
  }
  return lines;
}

function interfaces(model: ConfigModel): string[] {
  const lines: string[] = [];
  for (const t of model.tunnels) {
    lines.push(
      `interface ${names(model, t).iface}`,
      ` description ${model.slug} tunnel ${t.number} to ${t.outsideIp}`,
      ` ip address ${t.customerInsideIp} ${t.insideNetmask}`,
      ` ip mtu ${model.mtu}`,
      ` ip tcp adjust-mss ${model.mss}`,
      ` tunnel source ${OUTSIDE}`,
      " tunnel mode ipsec ipv4",
      ` tunnel destination ${t.outsideIp}`,
      ` tunnel protection ipsec profile ${names(model, t).ipsec}`,
      " no shutdown",
      "!",
    );
  }
  return lines;
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc } = model;
  if (!bgp) {
    return model.tunnels.map(
      (t) =>
        `ip route ${platformVpc.address} ${platformVpc.netmask} ${names(model, t).iface} ${t.awsInsideIp}${t.number === 1 ? "" : " 10"}`,
    );
  }
  const lines = [`router bgp ${bgp.customerAsn}`, " bgp log-neighbor-changes"];
  for (const t of model.tunnels) {
    lines.push(
      ` neighbor ${t.awsInsideIp} remote-as ${bgp.platformAsn}`,
      ` neighbor ${t.awsInsideIp} timers ${bgp.keepaliveSeconds} ${bgp.holdSeconds} ${bgp.holdSeconds}`,
    );
  }
  lines.push(" !", " address-family ipv4 unicast");
  for (const t of model.tunnels) lines.push(`  neighbor ${t.awsInsideIp} activate`);
  for (const n of model.customerNetworks) lines.push(`  network ${n.address} mask ${n.netmask}`);
  lines.push(" exit-address-family", "!");
  return lines;
}

export function renderCiscoIos(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const keepAliveSource = model.tunnels[0]?.customerInsideIp ?? "";
  const header = headerLines(model, {
    platform: "Cisco IOS / IOS XE (route-based, static VTI)",
    keepAliveCommands: [
      "ip sla 10",
      ` icmp-echo ${model.keepAliveTarget} source-ip ${keepAliveSource}`,
      "  frequency 5",
      "ip sla schedule 10 life forever start-time now",
    ],
    notes: [
      `The outside interface is ${OUTSIDE}: replace it if yours differs.`,
      "Tunnel1/Tunnel2 and the object names are not already in use.",
      ...(model.bgp && model.customerNetworks.length > 0
        ? ["Each advertised network exists in your routing table exactly (network ... mask needs it)."]
        : []),
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add 'network <address> mask <mask>' for each network to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
    ],
  });
  const ike = input.ikeVersion === "IKEV2" ? ikev2(model) : ikev1(model);
  return joinSections([
    commentBlock(header, "!"),
    ["! --- IKE (phase 1) ---", ...ike],
    ["! --- IPsec (phase 2) ---", ...ipsec(model)],
    ["! --- Tunnel interfaces ---", ...interfaces(model)],
    [model.bgp ? "! --- BGP ---" : "! --- Static routes to the platform VPC ---", ...routing(model)],
    "end",
  ]);
}
