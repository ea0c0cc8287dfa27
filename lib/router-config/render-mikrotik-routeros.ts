// MikroTik RouterOS 7: policy-based IPsec (RouterOS has no route-based/VTI IPsec interface), static
// routing only. BGP is refused in render-router-config.ts: over policy-based IPsec it needs a second
// SA pair per tunnel (inside /32s beside the VPC), and AWS supports one unique SA pair per tunnel.
// Vendor documents: MikroTik RouterOS 7 manual "IPsec" (profile, proposal, peer, identity, policy,
// active-peers; "Site to Site IPsec (IKEv1/IKEv2) tunnel"), "Firewall > Filter" (input chain),
// "Netwatch" and "Scripting"/"Scheduler". Release: RouterOS 7.x.
//
// One SA pair per tunnel, both tunnels negotiated at all times: the active tunnel's policy carries
// 0.0.0.0/0 -> platform VPC, the standby tunnel's policy carries only its inside /32s (its
// liveness ping). A scheduler script swaps the two roles when the active tunnel's peer is not
// established, so the VPC traffic fails over to tunnel 2 and back.
import type { ConfigModel, TunnelView } from "./render-kit";
import { DH_GROUP_NAMES, defineRenderer, tunnelPreferenceNote } from "./render-kit";

const PROFILE_ENCRYPTION = { aes256: "aes-256", aes128: "aes-128" } as const;
const PROPOSAL_ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;

const peerName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;
const commentText = (model: ConfigModel, t: TunnelView) => `${model.slug} tunnel ${t.number}`;
const comment = (model: ConfigModel, t: TunnelView) => `comment="${commentText(model, t)}"`;

function firewall(model: ConfigModel): string[] {
  const { slug, platformVpc, mss, device } = model;
  const lines = ["/ip firewall filter"];
  for (const t of model.tunnels) {
    lines.push(
      `add chain=input action=accept protocol=udp dst-port=500,4500 src-address=${t.outsideIp} in-interface=${device.outside} place-before=0 ${comment(model, t)}`,
      `add chain=input action=accept protocol=ipsec-esp src-address=${t.outsideIp} in-interface=${device.outside} place-before=0 ${comment(model, t)}`,
    );
  }
  lines.push(
    `add chain=forward action=accept ipsec-policy=in,ipsec src-address=${platformVpc.cidr} place-before=0 comment="${slug} from platform VPC"`,
    `add chain=forward action=accept ipsec-policy=out,ipsec dst-address=${platformVpc.cidr} place-before=0 comment="${slug} to platform VPC"`,
    "/ip firewall nat",
    `add chain=srcnat action=accept dst-address=${platformVpc.cidr} place-before=0 comment="${slug} no NAT to platform VPC"`,
    "/ip firewall mangle",
    `add chain=forward action=change-mss new-mss=${mss} passthrough=yes protocol=tcp tcp-flags=syn tcp-mss=${mss + 1}-65535 dst-address=${platformVpc.cidr} comment="${slug} MSS ${mss}"`,
    `add chain=forward action=change-mss new-mss=${mss} passthrough=yes protocol=tcp tcp-flags=syn tcp-mss=${mss + 1}-65535 src-address=${platformVpc.cidr} comment="${slug} MSS ${mss}"`,
  );
  return lines;
}

function addresses(model: ConfigModel): string[] {
  const { slug } = model;
  const lines = [
    "/interface bridge",
    `add name=${slug}-inside comment="${slug} tunnel inside addresses"`,
    "/ip address",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `add address=${t.customerInsideIp}/${t.insidePrefix} interface=${slug}-inside ${comment(model, t)}`,
    );
  }
  return lines;
}

/** Selectors of a tunnel in a role: the VPC (active) or its own inside /32s (standby liveness). */
function selectors(model: ConfigModel, t: TunnelView, active: boolean): string {
  return active
    ? `src-address=0.0.0.0/0 dst-address=${model.platformVpc.cidr}`
    : `src-address=${t.customerInsideIp}/32 dst-address=${t.awsInsideIp}/32`;
}

function ipsec(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, slug, dpd, input } = model;
  const lines = [
    "/ip ipsec profile",
    `add name=${slug} enc-algorithm=${PROFILE_ENCRYPTION[p1.encryption]} hash-algorithm=${p1.integrity} dh-group=${DH_GROUP_NAMES[p1.dhGroup]} lifetime=${p1.lifetimeSeconds}s dpd-interval=${dpd.intervalSeconds}s dpd-maximum-failures=${dpd.retries} nat-traversal=yes`,
    "/ip ipsec proposal",
    `add name=${slug} enc-algorithms=${PROPOSAL_ENCRYPTION[p2.encryption]} auth-algorithms=${p2.integrity} pfs-group=${DH_GROUP_NAMES[p2.dhGroup]} lifetime=${p2.lifetimeSeconds}s`,
    "/ip ipsec peer",
  ];
  for (const t of model.tunnels) {
    // Not passive: this side initiates (DESIGN §5: the platform never does for IKEv1).
    lines.push(
      `add name=${peerName(model, t)} address=${t.outsideIp}/32 exchange-mode=${input.ikeVersion === "IKEV2" ? "ike2" : "main"} profile=${slug} passive=no send-initial-contact=yes ${comment(model, t)}`,
    );
  }
  lines.push("/ip ipsec identity");
  for (const t of model.tunnels) {
    lines.push(
      `add peer=${peerName(model, t)} auth-method=pre-shared-key secret="${t.psk}" my-id=address:${input.customerGatewayIp} ${comment(model, t)}`,
    );
  }
  lines.push("/ip ipsec policy");
  for (const t of model.tunnels) {
    // Every policy enabled: one unique SA pair per tunnel, tunnel 1 active, tunnel 2 standby.
    lines.push(
      `add peer=${peerName(model, t)} tunnel=yes ${selectors(model, t, t.number === 1)} proposal=${slug} level=unique ${comment(model, t)}`,
    );
  }
  return lines;
}

/** Liveness pings through each tunnel (they also make RouterOS negotiate each SA pair at once). */
function liveness(model: ConfigModel): string[] {
  const lines = [
    "/tool netwatch",
    `add type=icmp host=${model.keepAliveTarget} interval=5s comment="${model.slug} VPC keep-alive (the tunnel holding the VPC policy)"`,
  ];
  for (const t of model.tunnels) {
    lines.push(
      `add type=icmp host=${t.awsInsideIp} src-address=${t.customerInsideIp} interval=5s ${comment(model, t)}`,
    );
  }
  return lines;
}

function failover(model: ConfigModel): string[] {
  const [t1, t2] = model.tunnels;
  if (!t1 || !t2) return [];
  const { slug } = model;
  const p = (t: TunnelView) => `[/ip ipsec policy find comment=\\"${commentText(model, t)}\\"]`;
  const set = (t: TunnelView, active: boolean) =>
    `/ip ipsec policy set ${p(t)} ${selectors(model, t, active).replace(/"/g, '\\"')}`;
  const source = [
    `:local up [:len [/ip ipsec active-peers find remote-address=${t1.outsideIp} state=established]];`,
    `:local active [/ip ipsec policy get ${p(t1)} dst-address];`,
    `:if ($up > 0 && $active != \\"${model.platformVpc.cidr}\\") do={ ${set(t2, false)}; ${set(t1, true)} };`,
    `:if ($up = 0 && $active = \\"${model.platformVpc.cidr}\\") do={ ${set(t1, false)}; ${set(t2, true)} };`,
  ].join(" ");
  return [
    "/system script",
    `add name=${slug}-failover policy=read,write,test source="${source}" comment="${slug} tunnel failover"`,
    "/system scheduler",
    `add name=${slug}-failover interval=10s on-event=${slug}-failover comment="${slug} tunnel failover"`,
  ];
}

export const renderMikrotikRouteros = defineRenderer("mikrotik-routeros", "#", (model) => {
  const two = model.tunnels.length > 1;
  return {
    platform: "MikroTik RouterOS 7 (policy-based IPsec, static routing)",
    keepAlive: (t) =>
      `/tool netwatch: ping ${t.awsInsideIp} from ${t.customerInsideIp} through tunnel ${t.number} every 5 s`,
    notes: [
      `The outside (WAN) interface is ${model.device.outside} (download-page parameter).`,
      `RouterOS has no route-based (VTI) IPsec: IPsec policies pick the traffic, so the tunnel MTU (${model.mtu}) cannot be set; TCP MSS is clamped to ${model.mss} instead.`,
      "One SA pair per tunnel (AWS): each tunnel has exactly one policy, and both are enabled.",
      ...(two
        ? [
            "Tunnel 1's policy carries the VPC traffic; tunnel 2's carries only its liveness ping. The script",
            `  '${model.slug}-failover' (every 10 s) swaps the roles while tunnel 1's peer is not established.`,
          ]
        : []),
      "FastTrack (if enabled) is bypassed for IPsec traffic: exclude the platform VPC from it.",
      "The input/forward/NAT rules are placed first (place-before=0) so they match before your own rules.",
      ...tunnelPreferenceNote(model),
    ],
    sections: [
      ["# --- Inside addresses ---", ...addresses(model)],
      ["# --- Firewall: IKE/ESP in, VPC traffic forward, NAT exemption, MSS clamp ---", ...firewall(model)],
      ["# --- IPsec ---", ...ipsec(model)],
      ["# --- Per-tunnel liveness ---", ...liveness(model)],
      ...(two
        ? [
            [
              "# --- Failover: the VPC policy moves to tunnel 2 while tunnel 1 is down ---",
              ...failover(model),
            ],
          ]
        : []),
    ],
    verify: [
      { command: "/ip ipsec active-peers print", what: "both peers established" },
      { command: "/ip ipsec installed-sa print", what: "one SA pair per tunnel" },
      { command: "/ip ipsec policy print", what: "policies active (A), none invalid" },
      { command: "/tool netwatch print", what: "each tunnel's liveness host up" },
    ],
  };
});
