// Cisco ASA 9.8+: route-based VPN with static VTIs (IKEv1 VTI since 9.7, IKEv2 VTI since 9.8).
// Follows: Cisco ASA Series VPN CLI Configuration Guide, "Virtual Tunnel Interface" chapter;
// Cisco TechNote 200982 "ASA IPsec VTI connection to Amazon Web Services"; AWS Site-to-Site VPN samples.
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

const OUTSIDE = "outside";
const IKE_ENCRYPTION = { aes256: "aes-256", aes128: "aes" } as const;
const ESP_ENCRYPTION = { aes256: "aes-256", aes128: "aes" } as const;
const ESP_INTEGRITY = { sha256: "sha-256", sha384: "sha-384", sha512: "sha-512" } as const;
const IKEV1_TRANSFORM = { aes256: "esp-aes-256", aes128: "esp-aes" } as const;
const IKEV1_HMAC = {
  sha256: "esp-sha-256-hmac",
  sha384: "esp-sha-384-hmac",
  sha512: "esp-sha-512-hmac",
} as const;

const nameif = (t: TunnelView) => `aws-tunnel-${t.number}`;

function phase1(model: ConfigModel): string[] {
  const { phase1: p1 } = model;
  if (model.input.ikeVersion === "IKEV2") {
    return [
      "crypto ikev2 policy 200",
      ` encryption ${IKE_ENCRYPTION[p1.encryption]}`,
      ` integrity ${p1.integrity}`,
      ` prf ${p1.integrity}`,
      ` group ${p1.dhGroup}`,
      ` lifetime seconds ${p1.lifetimeSeconds}`,
      "!",
      `crypto ikev2 enable ${OUTSIDE}`,
    ];
  }
  return [
    "crypto ikev1 policy 200",
    " authentication pre-share",
    ` encryption ${IKE_ENCRYPTION[p1.encryption]}`,
    ` hash ${p1.integrity}`,
    ` group ${p1.dhGroup}`,
    ` lifetime ${p1.lifetimeSeconds}`,
    "!",
    `crypto ikev1 enable ${OUTSIDE}`,
  ];
}

function phase2(model: ConfigModel): string[] {
  const { phase2: p2, slug } = model;
  const ikev2 = model.input.ikeVersion === "IKEV2";
  const lines = ikev2
    ? [
        `crypto ipsec ikev2 ipsec-proposal ${slug}`,
        ` protocol esp encryption ${ESP_ENCRYPTION[p2.encryption]}`,
        ` protocol esp integrity ${ESP_INTEGRITY[p2.integrity]}`,
      ]
    : [
        `crypto ipsec ikev1 transform-set ${slug} ${IKEV1_TRANSFORM[p2.encryption]} ${IKEV1_HMAC[p2.integrity]}`,
      ];
  lines.push(
    "!",
    `crypto ipsec profile ${slug}`,
    ikev2 ? ` set ikev2 ipsec-proposal ${slug}` : ` set ikev1 transform-set ${slug}`,
    ` set pfs group${p2.dhGroup}`,
    ` set security-association lifetime seconds ${p2.lifetimeSeconds}`,
    "!",
    `crypto ipsec df-bit clear-df ${OUTSIDE}`,
    `crypto ipsec fragmentation before-encryption ${OUTSIDE}`,
    `crypto ipsec security-association replay window-size 128`,
    // TCP MSS on the ASA is global: it applies to every TCP flow, not only this VPN.
    `sysopt connection tcpmss ${model.mss}`,
  );
  return lines;
}

function tunnelGroups(model: ConfigModel): string[] {
  const { slug, dpd } = model;
  const ikev2 = model.input.ikeVersion === "IKEV2";
  const lines = [
    `group-policy ${slug} internal`,
    `group-policy ${slug} attributes`,
    ` vpn-tunnel-protocol ${ikev2 ? "ikev2" : "ikev1"}`,
    "!",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `tunnel-group ${t.outsideIp} type ipsec-l2l`,
      `tunnel-group ${t.outsideIp} general-attributes`,
      ` default-group-policy ${slug}`,
      `tunnel-group ${t.outsideIp} ipsec-attributes`,
      ...(ikev2
        ? [
            ` ikev2 remote-authentication pre-shared-key ${t.psk}`,
            ` ikev2 local-authentication pre-shared-key ${t.psk}`,
          ]
        : [` ikev1 pre-shared-key ${t.psk}`]),
      ` isakmp keepalive threshold ${dpd.intervalSeconds} retry ${dpd.retries}`,
      "!",
    );
  }
  return lines;
}

function interfaces(model: ConfigModel): string[] {
  const lines: string[] = [];
  for (const t of model.tunnels) {
    lines.push(
      `interface Tunnel${t.number}`,
      ` nameif ${nameif(t)}`,
      ` ip address ${t.customerInsideIp} ${t.insideNetmask}`,
      ` tunnel source interface ${OUTSIDE}`,
      ` tunnel destination ${t.outsideIp}`,
      " tunnel mode ipsec ipv4",
      ` tunnel protection ipsec profile ${model.slug}`,
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
        `route ${nameif(t)} ${platformVpc.address} ${platformVpc.netmask} ${t.awsInsideIp} ${t.number === 1 ? 1 : 10}`,
    );
  }
  const lines = [
    `router bgp ${bgp.customerAsn}`,
    " bgp log-neighbor-changes",
    " address-family ipv4 unicast",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `  neighbor ${t.awsInsideIp} remote-as ${bgp.platformAsn}`,
      `  neighbor ${t.awsInsideIp} timers ${bgp.keepaliveSeconds} ${bgp.holdSeconds}`,
      `  neighbor ${t.awsInsideIp} activate`,
    );
  }
  for (const n of model.customerNetworks) lines.push(`  network ${n.address} mask ${n.netmask}`);
  lines.push(" exit-address-family", "!");
  return lines;
}

export function renderCiscoAsa(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "Cisco ASA 9.8+ (route-based, static VTI, single context, routed mode)",
    keepAliveCommands: [
      "sla monitor 10",
      ` type echo protocol ipIcmpEcho ${model.keepAliveTarget} interface ${model.tunnels[0] ? nameif(model.tunnels[0]) : ""}`,
      "  frequency 5",
      "sla monitor schedule 10 life forever start-time now",
    ],
    notes: [
      `The outside interface has nameif '${OUTSIDE}': replace it if yours differs.`,
      "Tunnel1/Tunnel2, policy 200 and the object names are not already in use.",
      `MTU: ASA derives VTI MTU from the outside interface; keep it at least ${model.mtu} + overhead.`,
      `The TCP MSS clamp (sysopt connection tcpmss ${model.mss}) is global on the ASA.`,
      "Access rules allow traffic between your inside interfaces and the tunnel nameifs.",
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add 'network <address> mask <mask>' for each network to advertise."]
        : []),
      ...tunnelPreferenceNote(model),
    ],
  });
  return joinSections([
    commentBlock(header, "!"),
    ["! --- IKE (phase 1) ---", ...phase1(model)],
    ["! --- IPsec (phase 2) ---", ...phase2(model)],
    ["! --- Tunnel groups (peers and pre-shared keys) ---", ...tunnelGroups(model)],
    ["! --- Tunnel interfaces ---", ...interfaces(model)],
    [model.bgp ? "! --- BGP ---" : "! --- Static routes to the platform VPC ---", ...routing(model)],
  ]);
}
