// Juniper SRX (Junos OS): route-based VPN on st0 units, as `set` commands (load set terminal).
// Vendor documents: Junos OS "IPsec VPN User Guide for Security Devices" (Route-Based IPsec VPNs,
// establish-tunnels, VPN monitoring, dead-peer-detection), "Security Policies User Guide", and the
// AWS Site-to-Site VPN sample "Juniper Networks, Inc. SRX Series Routers / JunOS 11.0+"
// (establish-tunnels immediately, vpn-monitor, tcp-mss). Release: Junos OS 19.x–23.x on SRX.
import type { ConfigModel, TunnelView } from "./render-kit";
import { defineRenderer, ifNumber, planBgp } from "./render-kit";

const UNTRUST_ZONE = "untrust";
const VPN_ZONE = "vpn";
const ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;
const IKE_AUTH = { sha256: "sha-256", sha384: "sha-384", sha512: "sha-512" } as const;
const ESP_AUTH = { sha256: "hmac-sha-256-128", sha384: "hmac-sha-384", sha512: "hmac-sha-512" } as const;

const tunnelName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;
const st0 = (model: ConfigModel, t: TunnelView) => `st0.${ifNumber(model, t)}`;
const vpnZone = (model: ConfigModel) => `${VPN_ZONE}-${model.slug}`;

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
      `${gateway} external-interface ${model.device.outside}`,
      `${gateway} local-identity inet ${input.customerGatewayIp}`,
      `${gateway} version ${ikev2 ? "v2-only" : "v1-only"}`,
    );
  }
  return lines;
}

function ipsec(model: ConfigModel): string[] {
  const { phase2: p2, slug } = model;
  const p = `set security ipsec proposal ${slug}`;
  const lines = [
    `${p} protocol esp`,
    `${p} authentication-algorithm ${ESP_AUTH[p2.integrity]}`,
    `${p} encryption-algorithm ${ENCRYPTION[p2.encryption]}`,
    `${p} lifetime-seconds ${p2.lifetimeSeconds}`,
    `set security ipsec policy ${slug} perfect-forward-secrecy keys group${p2.dhGroup}`,
    `set security ipsec policy ${slug} proposals ${slug}`,
    "set security ipsec vpn-monitor-options interval 10",
    "set security ipsec vpn-monitor-options threshold 3",
  ];
  for (const t of model.tunnels) {
    const vpn = `set security ipsec vpn ${tunnelName(model, t)}`;
    lines.push(
      "",
      `${vpn} bind-interface ${st0(model, t)}`,
      `${vpn} ike gateway ${tunnelName(model, t)}`,
      `${vpn} ike ipsec-policy ${slug}`,
      `${vpn} df-bit clear`,
      // DESIGN §5: the platform never initiates (AWS: never IKEv1), so bring every tunnel up at once.
      `${vpn} establish-tunnels immediately`,
      // Per-tunnel liveness: ICMP to this tunnel's AWS inside address out of its own st0 unit; when
      // it fails the st0 unit goes down and the routes through it are withdrawn.
      `${vpn} vpn-monitor source-interface ${st0(model, t)}`,
      `${vpn} vpn-monitor destination-ip ${t.awsInsideIp}`,
      `${vpn} vpn-monitor optimized`,
    );
  }
  return lines;
}

function interfacesAndZones(model: ConfigModel): string[] {
  const lines: string[] = [];
  const zone = vpnZone(model);
  for (const t of model.tunnels) {
    const unit = ifNumber(model, t);
    lines.push(
      `set interfaces st0 unit ${unit} description "${model.slug} tunnel ${t.number}"`,
      `set interfaces st0 unit ${unit} family inet address ${t.customerInsideIp}/${t.insidePrefix}`,
      `set interfaces st0 unit ${unit} family inet mtu ${model.mtu}`,
      `set security zones security-zone ${zone} interfaces ${st0(model, t)}`,
    );
  }
  lines.push(
    `set security zones security-zone ${zone} host-inbound-traffic system-services ping`,
    ...(model.bgp ? [`set security zones security-zone ${zone} host-inbound-traffic protocols bgp`] : []),
    `set security zones security-zone ${UNTRUST_ZONE} interfaces ${model.device.outside} host-inbound-traffic system-services ike`,
    `set security flow tcp-mss ipsec-vpn mss ${model.mss}`,
  );
  return lines;
}

/** Zone vpn is default-deny: permit the VPC both ways between it and the inside zone. */
function policies(model: ConfigModel): string[] {
  const { slug, platformVpc, device } = model;
  const zone = vpnZone(model);
  const book = `set security address-book global address ${slug}-vpc ${platformVpc.cidr}`;
  const out = `set security policies from-zone ${device.inside} to-zone ${zone} policy ${slug}-to-vpc`;
  const back = `set security policies from-zone ${zone} to-zone ${device.inside} policy ${slug}-from-vpc`;
  return [
    book,
    `${out} match source-address any`,
    `${out} match destination-address ${slug}-vpc`,
    `${out} match application any`,
    `${out} then permit`,
    `${back} match source-address ${slug}-vpc`,
    `${back} match destination-address any`,
    `${back} match application any`,
    `${back} then permit`,
  ];
}

function routing(model: ConfigModel): string[] {
  const { platformVpc, slug } = model;
  const bgp = planBgp(model);
  if (!bgp) {
    // Both next hops live on their st0 units: a unit taken down by vpn-monitor withdraws its route.
    return model.tunnels.map(
      (t) =>
        `set routing-options static route ${platformVpc.cidr} qualified-next-hop ${t.awsInsideIp} preference ${t.number === 1 ? 5 : 10}`,
    );
  }
  const policy = `set policy-options policy-statement ${slug}-export`;
  const group = `set protocols bgp group ${slug}`;
  const lines = [`set routing-options autonomous-system ${bgp.customerAsn}`];
  model.customerNetworks.forEach((n) => {
    lines.push(`${policy} term advertise from route-filter ${n.cidr} exact`);
  });
  if (model.customerNetworks.length > 0) lines.push(`${policy} term advertise then accept`);
  lines.push(`${policy} term reject then reject`);
  const importPolicy = (n: number) => `${slug}-${n}-import`;
  const prependPolicy = (n: number) => `${slug}-${n}-prepend`;
  if (bgp.preferTunnel1) {
    for (const peer of bgp.peers) {
      const n = peer.tunnel.number;
      lines.push(
        `set policy-options policy-statement ${importPolicy(n)} term pref then local-preference ${peer.localPreference}`,
      );
      if (peer.prepend > 0) {
        lines.push(
          `set policy-options policy-statement ${prependPolicy(n)} term prepend then as-path-prepend "${peer.asPath}"`,
        );
      }
    }
  }
  lines.push(
    `${group} type external`,
    `${group} hold-time ${bgp.holdSeconds}`,
    `${group} peer-as ${bgp.platformAsn}`,
    `${group} export ${slug}-export`,
  );
  for (const { tunnel: t, prepend } of bgp.peers) {
    const n = `${group} neighbor ${t.awsInsideIp}`;
    lines.push(`${n} local-address ${t.customerInsideIp}`);
    if (bgp.preferTunnel1) {
      lines.push(`${n} import ${importPolicy(t.number)}`);
      lines.push(
        prepend > 0
          ? `${n} export [ ${prependPolicy(t.number)} ${slug}-export ]`
          : `${n} export ${slug}-export`,
      );
    }
  }
  return lines;
}

export const renderJuniperSrx = defineRenderer("juniper-srx", "#", (model) => ({
  platform: "Juniper SRX (Junos OS, route-based VPN on st0, set commands)",
  keepAlive: (t) =>
    `vpn-monitor on ${tunnelName(model, t)}: ICMP to ${t.awsInsideIp} from ${st0(model, t)}; ${st0(model, t)} goes down with it`,
  notes: [
    `The outside interface is ${model.device.outside} in zone '${UNTRUST_ZONE}', your LAN is in zone '${model.device.inside}' (download-page parameters).`,
    `st0 units ${model.tunnels.map((t) => ifNumber(model, t)).join(", ")} are free; the tunnels go into zone '${vpnZone(model)}'.`,
    `Source NAT rules from '${model.device.inside}' to '${UNTRUST_ZONE}' do not match zone '${vpnZone(model)}': no NAT exemption is needed.`,
    ...(model.bgp
      ? [
          "Hold time 30 s gives keep-alives every 10 s (one third of the hold time).",
          "routing-options autonomous-system sets the router-wide ASN: check it is not already set.",
        ]
      : []),
  ],
  apply: "Run 'commit' after loading.",
  sections: [
    ["# --- Tunnel interfaces and zones ---", ...interfacesAndZones(model)],
    ["# --- Security policies (zone vpn is default-deny) ---", ...policies(model)],
    ["# --- IKE (phase 1) ---", ...ike(model)],
    ["# --- IPsec (phase 2), per-tunnel vpn-monitor ---", ...ipsec(model)],
  ],
  routing: {
    lines: routing(model),
    noNetworksHint: "add route-filter terms to the export policy for your networks.",
    check: {
      bgp: { command: "show bgp summary", what: "neighbors Establ, prefixes received" },
      static: {
        command: `show route ${model.platformVpc.cidr}`,
        what: "active route via the tunnel that is up",
      },
    },
  },
  verify: [
    { command: "show security ike security-associations", what: "IKE SA UP per gateway" },
    { command: "show security ipsec security-associations", what: "IPsec SAs per st0 unit" },
    { command: "show interfaces st0 terse", what: "st0 units up (vpn-monitor)" },
  ],
}));
