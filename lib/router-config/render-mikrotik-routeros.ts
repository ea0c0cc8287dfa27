// MikroTik RouterOS 7: IPsec with policies (RouterOS has no route-based/VTI IPsec interface), BGP
// with /routing/bgp/connection. Paste into a terminal or import as an .rsc script.
// Follows: MikroTik RouterOS documentation "IPsec" (profile, proposal, peer, identity, policy;
// site-to-site with pre-shared key) and "BGP" (RouterOS v7 connection menu).
import {
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  joinSections,
  type TunnelView,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const PROFILE_ENCRYPTION = { aes256: "aes-256", aes128: "aes-128" } as const;
const PROPOSAL_ENCRYPTION = { aes256: "aes-256-cbc", aes128: "aes-128-cbc" } as const;
const DH = {
  14: "modp2048",
  15: "modp3072",
  16: "modp4096",
  19: "ecp256",
  20: "ecp384",
  21: "ecp521",
} as const;

const peerName = (model: ConfigModel, t: TunnelView) => `${model.slug}-${t.number}`;
const comment = (model: ConfigModel, t: TunnelView) => `comment="${model.slug} tunnel ${t.number}"`;

function ipsec(model: ConfigModel): string[] {
  const { phase1: p1, phase2: p2, slug, dpd, input } = model;
  const lines = [
    "/ip ipsec profile",
    `add name=${slug} enc-algorithm=${PROFILE_ENCRYPTION[p1.encryption]} hash-algorithm=${p1.integrity} dh-group=${DH[p1.dhGroup]} lifetime=${p1.lifetimeSeconds}s dpd-interval=${dpd.intervalSeconds}s dpd-maximum-failures=${dpd.retries} nat-traversal=yes`,
    "/ip ipsec proposal",
    `add name=${slug} enc-algorithms=${PROPOSAL_ENCRYPTION[p2.encryption]} auth-algorithms=${p2.integrity} pfs-group=${DH[p2.dhGroup]} lifetime=${p2.lifetimeSeconds}s`,
    "/ip ipsec peer",
  ];
  for (const t of model.tunnels) {
    lines.push(
      `add name=${peerName(model, t)} address=${t.outsideIp}/32 exchange-mode=${input.ikeVersion === "IKEV2" ? "ike2" : "main"} profile=${slug} send-initial-contact=yes ${comment(model, t)}`,
    );
  }
  lines.push("/ip ipsec identity");
  for (const t of model.tunnels) {
    lines.push(
      `add peer=${peerName(model, t)} auth-method=pre-shared-key secret="${t.psk}" ${comment(model, t)}`,
    );
  }
  lines.push("/ip ipsec policy");
  for (const t of model.tunnels) {
    // Policies with the same selectors cannot both be active: tunnel 2 carries the VPC traffic only
    // after tunnel 1's policy is disabled and tunnel 2's enabled (see the header).
    const standby = t.number === 1 ? "" : " disabled=yes";
    lines.push(
      `add peer=${peerName(model, t)} tunnel=yes src-address=0.0.0.0/0 dst-address=${model.platformVpc.cidr} proposal=${slug} level=unique${standby} ${comment(model, t)}`,
    );
    if (model.bgp) {
      lines.push(
        `add peer=${peerName(model, t)} tunnel=yes src-address=${t.customerInsideIp}/32 dst-address=${t.awsInsideIp}/32 proposal=${slug} level=unique comment="${slug} tunnel ${t.number} BGP"`,
      );
    }
  }
  return lines;
}

function addressesAndFirewall(model: ConfigModel): string[] {
  const { slug, platformVpc, mss } = model;
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
  lines.push(
    "/ip firewall nat",
    `add chain=srcnat action=accept dst-address=${platformVpc.cidr} comment="${slug} no NAT to platform VPC"`,
    "/ip firewall mangle",
    `add chain=forward action=change-mss new-mss=${mss} passthrough=yes protocol=tcp tcp-flags=syn tcp-mss=${mss + 1}-65535 dst-address=${platformVpc.cidr} comment="${slug} MSS ${mss}"`,
    `add chain=forward action=change-mss new-mss=${mss} passthrough=yes protocol=tcp tcp-flags=syn tcp-mss=${mss + 1}-65535 src-address=${platformVpc.cidr} comment="${slug} MSS ${mss}"`,
  );
  return lines;
}

function bgp(model: ConfigModel): string[] {
  const { bgp, slug } = model;
  if (!bgp) return [];
  const lines: string[] = [];
  if (model.customerNetworks.length > 0) {
    lines.push("/ip firewall address-list");
    for (const n of model.customerNetworks) lines.push(`add list=${slug}-advertise address=${n.cidr}`);
  }
  lines.push("/routing bgp connection");
  for (const t of model.tunnels) {
    lines.push(
      `add name=${peerName(model, t)} as=${bgp.customerAsn} local.role=ebgp local.address=${t.customerInsideIp} remote.address=${t.awsInsideIp} remote.as=${bgp.platformAsn} hold-time=${bgp.holdSeconds}s keepalive-time=${bgp.keepaliveSeconds}s${model.customerNetworks.length > 0 ? ` output.network=${slug}-advertise` : ""} ${comment(model, t)}`,
    );
  }
  return lines;
}

export function renderMikrotikRouteros(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const two = model.tunnels.length > 1;
  const header = headerLines(model, {
    platform: "MikroTik RouterOS 7 (policy-based IPsec)",
    keepAliveCommands: [
      `/tool netwatch add type=icmp host=${model.keepAliveTarget} interval=10s comment="${model.slug} keep-alive"`,
    ],
    notes: [
      `RouterOS has no route-based (VTI) IPsec: IPsec policies pick the traffic, so the tunnel MTU (${model.mtu}) cannot be set; TCP MSS is clamped to ${model.mss} instead.`,
      ...(two
        ? [
            `Only one policy per selector can be active: tunnel 1 carries the VPC traffic and tunnel 2's data policy is installed disabled. To fail over, disable tunnel 1's and enable tunnel 2's policy (/ip ipsec policy disable|enable [find comment="${model.slug} tunnel N"]).`,
          ]
        : []),
      ...(model.bgp
        ? [
            "Each tunnel carries two SA pairs (BGP peer /32s and the VPC) where AWS documents one per tunnel: prefer a route-based router for BGP if the tunnels flap.",
          ]
        : []),
      ...(model.bgp && model.customerNetworks.length === 0
        ? [
            "No networks were declared: add them to an address list and set output.network on each connection.",
          ]
        : []),
      "FastTrack (if enabled) is bypassed for IPsec traffic: exclude the platform VPC from it.",
      "Move the NAT exemption above your masquerade rule so VPN traffic is not rewritten.",
    ],
  });
  return joinSections([
    commentBlock(header, "#"),
    ["# --- Inside addresses, NAT exemption, MSS clamp ---", ...addressesAndFirewall(model)],
    ["# --- IPsec ---", ...ipsec(model)],
    ...(model.bgp ? [["# --- BGP ---", ...bgp(model)]] : []),
  ]);
}
