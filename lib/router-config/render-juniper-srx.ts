// Juniper SRX (Junos OS 15.1X49+): route-based VPN on st0 units, as `set` commands (load set terminal).
// Follows: Junos OS "IPsec VPN User Guide for Security Devices": Route-Based IPsec VPNs, IKE gateway
// dead-peer-detection, establish-tunnels; AWS Site-to-Site VPN Juniper SRX sample configs.
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

const OUTSIDE = "ge-0/0/0.0";
const UNTRUST_ZONE = "untrust";
const VPN_ZONE = "vpn";
const ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;
const IKE_AUTH = { sha256: "sha-256", sha384: "sha-384", sha512: "sha-512" } as const;
const ESP_AUTH = { sha256: "hmac-sha-256-128", sha384: "hmac-sha-384", sha512: "hmac-sha-512" } as const;

const tunnelName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;

function ike(model: ConfigModel): string[] {
  const { phase1: p1, slug, dpd, input } = model;
  const ikev2 = input.ikeVersion === "IKEV2";
  const p = `set security ike proposal ${slug}`;
  const lines = [
    `${p} authentication-method pre-shared-keys`,
    `${p} dh-group group${p1.dhGroup}`,
    `${p} authentication-algorithm ${IKE_AUTH[p1.integrity]}`,
    `${p} encryption-algorithm ${ENCRYPTION[p1.encryption]}`,
    `${p} lifetime-seconds ${p1.lifetimeSeconds}`,
  ];
  for (const t of model.tunnels) {
    const name = tunnelName(model, t);
    const policy = `set security ike policy ${name}`;
    const gateway = `set security ike gateway ${name}`;
    lines.push(
      "",
      ...(ikev2 ? [] : [`${policy} mode main`]),
      `${policy} proposals ${slug}`,
      `${policy} pre-shared-key ascii-text "${t.psk}"`,
      `${gateway} ike-policy ${name}`,
      `${gateway} address ${t.outsideIp}`,
      `${gateway} dead-peer-detection always-send`,
      `${gateway} dead-peer-detection interval ${dpd.intervalSeconds}`,
      `${gateway} dead-peer-detection threshold ${dpd.retries}`,
      `${gateway} external-interface ${OUTSIDE}`,
      `${gateway} version ${ikev2 ? "v2-only" : "v1-only"}`,
    );
  }
  return lines;
}

function ipsec(model: ConfigModel): string[] {
  const { phase2: p2, slug, input } = model;
  const p = `set security ipsec proposal ${slug}`;
  const lines = [
    `${p} protocol esp`,
    `${p} authentication-algorithm ${ESP_AUTH[p2.integrity]}`,
    `${p} encryption-algorithm ${ENCRYPTION[p2.encryption]}`,
    `${p} lifetime-seconds ${p2.lifetimeSeconds}`,
    `set security ipsec policy ${slug} perfect-forward-secrecy keys group${p2.dhGroup}`,
    `set security ipsec policy ${slug} proposals ${slug}`,
  ];
  for (const t of model.tunnels) {
    const vpn = `set security ipsec vpn ${tunnelName(model, t)}`;
    lines.push(
      "",
      `${vpn} bind-interface st0.${t.number}`,
      `${vpn} ike gateway ${tunnelName(model, t)}`,
      `${vpn} ike ipsec-policy ${slug}`,
      `${vpn} df-bit clear`,
      // IKEv2: this side owns initiation, so bring the tunnel up at once and after every teardown.
      `${vpn} establish-tunnels ${input.ikeVersion === "IKEV2" ? "immediately" : "on-traffic"}`,
    );
  }
  return lines;
}

function interfacesAndZones(model: ConfigModel): string[] {
  const lines: string[] = [];
  for (const t of model.tunnels) {
    lines.push(
      `set interfaces st0 unit ${t.number} description "${model.slug} tunnel ${t.number}"`,
      `set interfaces st0 unit ${t.number} family inet address ${t.customerInsideIp}/${t.insidePrefix}`,
      `set interfaces st0 unit ${t.number} family inet mtu ${model.mtu}`,
      `set security zones security-zone ${VPN_ZONE} interfaces st0.${t.number}`,
    );
  }
  lines.push(
    `set security zones security-zone ${VPN_ZONE} host-inbound-traffic system-services ping`,
    ...(model.bgp ? [`set security zones security-zone ${VPN_ZONE} host-inbound-traffic protocols bgp`] : []),
    `set security zones security-zone ${UNTRUST_ZONE} interfaces ${OUTSIDE} host-inbound-traffic system-services ike`,
    `set security flow tcp-mss ipsec-vpn mss ${model.mss}`,
  );
  return lines;
}

function routing(model: ConfigModel): string[] {
  const { bgp, platformVpc, slug } = model;
  if (!bgp) {
    return model.tunnels.map((t) =>
      t.number === 1
        ? `set routing-options static route ${platformVpc.cidr} qualified-next-hop ${t.awsInsideIp} preference 5`
        : `set routing-options static route ${platformVpc.cidr} qualified-next-hop ${t.awsInsideIp} preference 10`,
    );
  }
  const policy = `set policy-options policy-statement ${slug}-export`;
  const group = `set protocols bgp group ${slug}`;
  const lines = [`set routing-options autonomous-system ${bgp.customerAsn}`];
  model.customerNetworks.forEach((n) => {
    lines.push(`${policy} term advertise from route-filter ${n.cidr} exact`);
  });
  if (model.customerNetworks.length > 0) lines.push(`${policy} term advertise then accept`);
  lines.push(
    `${policy} term reject then reject`,
    `${group} type external`,
    `${group} hold-time ${bgp.holdSeconds}`,
    `${group} peer-as ${bgp.platformAsn}`,
    `${group} export ${slug}-export`,
  );
  for (const t of model.tunnels) {
    lines.push(`${group} neighbor ${t.awsInsideIp} local-address ${t.customerInsideIp}`);
  }
  return lines;
}

export function renderJuniperSrx(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "Juniper SRX (Junos OS, route-based VPN on st0, set commands)",
    // RPM probes only send pings; VPN monitoring would tear the tunnel down when nothing answers.
    keepAliveCommands: model.tunnels.flatMap((t) => {
      const test = `set services rpm probe ${model.slug}-keepalive test tunnel-${t.number}`;
      return [
        `${test} probe-type icmp-ping`,
        `${test} target address ${model.keepAliveTarget}`,
        `${test} source-address ${t.customerInsideIp}`,
        `${test} probe-interval 5`,
        `${test} test-interval 10`,
      ];
    }),
    notes: [
      `The outside interface is ${OUTSIDE} in zone '${UNTRUST_ZONE}': replace both if yours differ.`,
      `st0 units ${model.tunnels.map((t) => t.number).join(", ")} are free; the tunnels go into zone '${VPN_ZONE}'.`,
      `Security policies between your trust zone and '${VPN_ZONE}' permit the traffic you need.`,
      ...(model.bgp
        ? [
            "Hold time 30 s gives keep-alives every 10 s (one third of the hold time).",
            "routing-options autonomous-system sets the router-wide ASN: check it is not already set.",
          ]
        : []),
      ...(model.bgp && model.customerNetworks.length === 0
        ? ["No networks were declared: add route-filter terms to the export policy for your networks."]
        : []),
      ...tunnelPreferenceNote(model),
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- Tunnel interfaces and zones ---", ...interfacesAndZones(model)],
    ["# --- IKE (phase 1) ---", ...ike(model)],
    ["# --- IPsec (phase 2) ---", ...ipsec(model)],
    [model.bgp ? "# --- BGP ---" : "# --- Static routes to the platform VPC ---", ...routing(model)],
  ]);
}
