// libreswan (RHEL/Fedora's IPsec stack): ipsec.conf `conn` sections, route-based on XFRM interfaces
// (ipsec-interface=N creates ipsecN), plus the secrets and the up/down script in marked comments.
// Vendor documents: libreswan ipsec.conf(5) and ipsec.secrets(5) for 4.x (authby, auto=start,
// ikev2=yes|no, ike=/phase2alg=, ikelifetime, salifetime, dpddelay/dpdtimeout/dpdaction,
// ipsec-interface (managed mode creates ipsecN; with leftsubnet = rightsubnet routing is external,
// hence the file's own up/down script), leftinterface-ip, leftupdown, mtu, replay-window), libreswan wiki "Route-based VPN using XFRMi" and
// "Interoperability: Amazon AWS VPC". Release: libreswan 4.6+ (RHEL 9, Fedora).
// Checked against its documentation only: libreswan cannot install SAs on the lab's kernel (no ESP,
// no user-space fallback), so unlike strongSwan it is not proven in the lab.
import type { ConfigModel, DhGroup, PhaseView, TunnelView } from "./render-kit";
import { defineRenderer, ifNumber } from "./render-kit";
import { linuxRoutingCheck, staticRouteMetric, UPDOWN_LINE_PREFIX, updownScript } from "./render-strongswan";

const DH: Record<DhGroup, string> = {
  14: "modp2048",
  15: "modp3072",
  16: "modp4096",
  19: "dh19",
  20: "dh20",
  21: "dh21",
};
const INTEGRITY = { sha256: "sha2_256", sha384: "sha2_384", sha512: "sha2_512" } as const;

/** libreswan algorithm string, e.g. aes256-sha2_256-modp2048. */
export function libreswanProposal(phase: PhaseView): string {
  return `${phase.encryption}-${INTEGRITY[phase.integrity]}-${DH[phase.dhGroup]}`;
}

const connName = (model: ConfigModel, t: TunnelView) => `aws-tunnel-${ifNumber(model, t)}`;
const ipsecIf = (model: ConfigModel, t: TunnelView) => `ipsec${ifNumber(model, t)}`;
const secretsPath = (model: ConfigModel) => `/etc/ipsec.d/${model.slug}.secrets`;

function conn(model: ConfigModel, t: TunnelView): string[] {
  const { input, dpd } = model;
  const ikev2 = input.ikeVersion === "IKEV2";
  const lines = [
    `# Tunnel ${t.number}: AWS outside IP ${t.outsideIp}; inside ${t.insideCidr} (AWS ${t.awsInsideIp}, you ${t.customerInsideIp})`,
    `# Phase 1 AES-256/SHA2-256/DH group ${model.phase1.dhGroup} ${model.phase1.lifetimeSeconds} s; phase 2 AES-256/SHA2-256/PFS group ${model.phase2.dhGroup} ${model.phase2.lifetimeSeconds} s; DPD ${dpd.timeoutSeconds} s restart`,
    `conn ${connName(model, t)}`,
    "    authby=secret",
    // DESIGN §5: the platform never initiates (AWS: never IKEv1), so start at once and keep trying.
    "    auto=start",
    "    keyingtries=%forever",
    `    ikev2=${ikev2 ? "yes" : "no"}`,
    ...(ikev2 ? [] : ["    aggressive=no"]),
    "    type=tunnel",
    "    left=%defaultroute",
    `    leftid=${input.customerGatewayIp}`,
    `    right=${t.outsideIp}`,
    `    rightid=${t.outsideIp}`,
    "    leftsubnet=0.0.0.0/0",
    "    rightsubnet=0.0.0.0/0",
    `    ike=${libreswanProposal(model.phase1)}`,
    `    phase2alg=${libreswanProposal(model.phase2)}`,
    "    pfs=yes",
    `    ikelifetime=${model.phase1.lifetimeSeconds}s`,
    `    salifetime=${model.phase2.lifetimeSeconds}s`,
    `    dpddelay=${dpd.intervalSeconds}`,
    `    dpdtimeout=${dpd.timeoutSeconds}`,
    "    dpdaction=restart",
    "    replay-window=128",
    `    ipsec-interface=${ifNumber(model, t)}`,
    `    leftinterface-ip=${t.customerInsideIp}/${t.insidePrefix}`,
    `    mtu=${model.mtu}`,
  ];
  if (!model.bgp) {
    lines.push(
      `    leftupdown="${model.device.updown} ${ipsecIf(model, t)} ${model.platformVpc.cidr} ${staticRouteMetric(t.number)}"`,
    );
  } else {
    lines.push("    leftupdown=%disabled");
  }
  return lines;
}

export const renderLibreswan = defineRenderer("libreswan", "#", (model) => {
  const secrets = [
    `# ---- ${secretsPath(model)} (lines marked "#= ") ----`,
    ...model.tunnels.map((t) => `#= ${model.input.customerGatewayIp} ${t.outsideIp} : PSK "${t.psk}"`),
  ];
  const script = model.bgp
    ? []
    : [
        `# ---- ${model.device.updown} (lines marked "${UPDOWN_LINE_PREFIX.trim()} ") ----`,
        ...updownScript().map((line) => `${UPDOWN_LINE_PREFIX}${line}`.trimEnd()),
      ];
  return {
    platform: "libreswan 4.x (ipsec.conf), Linux with XFRM interfaces",
    keepAlive: (t) =>
      `ping -i 5 -I ${ipsecIf(model, t)} ${t.awsInsideIp}   # tunnel ${t.number}, e.g. as a systemd service`,
    notes: [
      "Checked against libreswan's documentation, not proven in the portal's lab (libreswan cannot run there).",
      "Install as /etc/ipsec.d/<name>.conf (chmod 600), the secrets below as the path they name, then `ipsec restart`.",
      "libreswan 5.x: ikev2= and dpdaction= are deprecated there; IKEv1 also needs ikev1-policy=yes in config setup.",
      `The secrets: \`sed -n 's/^#= //p' <this file> > ${secretsPath(model)}\` (chmod 600).`,
      ...(model.bgp
        ? [
            `Routing: BGP (your AS ${model.bgp.customerAsn}, platform AS ${model.bgp.platformAsn}) over the inside addresses: see`,
            "  the FRR configuration of this connection; the conns call no up/down script.",
          ]
        : [
            `Routing: the up/down script adds the route to ${model.platformVpc.cidr} into a tunnel's ipsecN interface when`,
            `  it comes up and removes it when it goes down (tunnel 1 metric ${staticRouteMetric(1)}, tunnel 2 ${staticRouteMetric(2)}).`,
            `  Install it at ${model.device.updown} (chmod 755): \`sed -n 's/^#| //p' <this file> > ${model.device.updown}\`.`,
          ]),
      "sysctl net.ipv4.ip_forward=1 and net.ipv4.conf.all.rp_filter=2 (return traffic on either tunnel).",
      `Firewall: admit UDP 500/4500 and ESP from ${model.tunnels.map((t) => t.outsideIp).join(" and ")} on the outside interface.`,
      `TCP MSS: iptables -t mangle -A FORWARD -o ipsec+ -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss ${model.mss}`,
    ],
    sections: [...model.tunnels.map((t) => conn(model, t)), [...secrets, ...script]],
    verify: [
      { command: "ipsec trafficstatus", what: "one IPsec SA per tunnel, bytes counting" },
      { command: "ipsec showstates", what: "IKE SA established (ISAKMP SA / IKE SA)" },
      { command: "ip -s link show type xfrm", what: "ipsecN interfaces up" },
      linuxRoutingCheck(model),
    ],
  };
});
