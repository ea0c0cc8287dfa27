// Vendor document: FRR User Guide "BGP" and "Route Maps" (docs.frrouting.org, 8.x); release FRR 8.x,
// lab-proven on 8.4.
// FRR (bgpd) renderer: the BGP part of the customer side, for FRR 8.x on Linux next to the
// strongSwan configuration (which brings up the tunnels and their inside addresses).
//
// Follows the FRR user guide, "BGP" chapter (router bgp, bgp router-id, neighbor remote-as,
// neighbor timers, address-family ipv4 unicast, network, neighbor route-map, bgp
// ebgp-requires-policy) and "IP Prefix Lists" / "Route Maps"; and the AWS Site-to-Site VPN generic
// customer gateway configuration (BGP over the inside /30s: AWS side .1, customer .2, keep-alive
// 10 s, hold time 30 s, at most 100 prefixes advertised to AWS).
import type { BgpPlan, ConfigModel, Renderer } from "./render-kit";
import {
  buildConfigModel,
  commentBlock,
  defaultDeviceParams,
  headerLines,
  ifNumber,
  joinSections,
  planBgp,
  sanitizeCommentText,
  verifyLines,
} from "./render-kit";
import { strongswanConnectionName } from "./render-strongswan";

/** Names of the prefix lists and route maps the file defines (the lab and docs refer to them). */
export const FRR_POLICY_NAMES = {
  vpcIn: "PLATFORM-VPC-IN",
  customerOut: "CUSTOMER-NETWORKS-OUT",
  routeMapIn: "FROM-PLATFORM",
  routeMapOut: "TO-PLATFORM",
} as const;

/** Route maps of a tunnel: tunnel 1 keeps the plain names, tunnel 2 adds "-BACKUP" (preference). */
function routeMaps(t: { number: 1 | 2 }): { in: string; out: string } {
  const suffix = t.number === 1 ? "" : "-BACKUP";
  return { in: `${FRR_POLICY_NAMES.routeMapIn}${suffix}`, out: `${FRR_POLICY_NAMES.routeMapOut}${suffix}` };
}

function staticOnly(model: ConfigModel): string {
  const { input } = model;
  return `${commentBlock(
    [
      `FRR configuration for connection ${input.vpnConnectionId} (${input.region})`,
      `Customer: ${sanitizeCommentText(input.customerName)}`,
      `Generated: ${input.generatedAt.toISOString()}`,
      "",
      "This connection uses STATIC routing: no BGP is needed and there is nothing to configure in FRR.",
      `Route the platform VPC ${model.platformVpc.cidr} into the tunnel interfaces instead (see the`,
      "strongSwan or generic configuration of this connection).",
    ],
    "!",
  )}\n`;
}

function bgpSection(model: ConfigModel, bgp: BgpPlan): string[] {
  const first = model.tunnels[0];
  const lines = [`router bgp ${bgp.customerAsn}`];
  if (first) lines.push(` bgp router-id ${first.customerInsideIp}`);
  lines.push(
    " bgp log-neighbor-changes",
    " ! eBGP needs a policy in FRR 8 (bgp ebgp-requires-policy): the route maps below are that policy.",
  );
  for (const t of model.tunnels) {
    const n = ` neighbor ${t.awsInsideIp}`;
    lines.push(
      `${n} remote-as ${bgp.platformAsn}`,
      `${n} description ${strongswanConnectionName(ifNumber(model, t))} (${t.outsideIp})`,
      `${n} timers ${bgp.keepaliveSeconds} ${bgp.holdSeconds}`,
    );
  }
  lines.push(" !", " address-family ipv4 unicast");
  for (const n of model.customerNetworks) lines.push(`  network ${n.cidr}`);
  if (model.customerNetworks.length === 0) {
    lines.push(
      "  ! No networks were declared: add `network <prefix>` lines (and prefix-list entries below).",
    );
  }
  for (const t of model.tunnels) {
    const n = `  neighbor ${t.awsInsideIp}`;
    lines.push(
      `${n} activate`,
      `${n} soft-reconfiguration inbound`,
      `${n} route-map ${routeMaps(t).in} in`,
      `${n} route-map ${routeMaps(t).out} out`,
    );
  }
  lines.push(" exit-address-family", "exit");
  return lines;
}

function policySection(model: ConfigModel, bgp: BgpPlan): string[] {
  const names = FRR_POLICY_NAMES;
  const lines = [
    "! Accept only the platform VPC (and more specific routes inside it) from the platform.",
    `ip prefix-list ${names.vpcIn} seq 5 permit ${model.platformVpc.cidr} le 32`,
    "! Advertise only your declared networks (AWS accepts at most 100 prefixes per tunnel).",
  ];
  model.customerNetworks.forEach((n, i) => {
    lines.push(`ip prefix-list ${names.customerOut} seq ${5 * (i + 1)} permit ${n.cidr}`);
  });
  if (model.customerNetworks.length === 0) lines.push(`ip prefix-list ${names.customerOut} seq 5 deny any`);
  lines.push("! Tunnel preference: local-preference in, and your AS prepended towards tunnel 2 out.");
  for (const peer of bgp.peers) {
    const maps = routeMaps(peer.tunnel);
    lines.push(
      "!",
      `route-map ${maps.in} permit 10`,
      ` match ip address prefix-list ${names.vpcIn}`,
      ` set local-preference ${peer.localPreference}`,
      "exit",
      "!",
      `route-map ${maps.out} permit 10`,
      ` match ip address prefix-list ${names.customerOut}`,
      ...(peer.prepend > 0 ? [` set as-path prepend ${peer.asPath}`] : []),
      "exit",
    );
  }
  return lines;
}

/** The shared header warns about pre-shared keys; this file has none, so drop that line. */
function withoutKeyWarning(header: string[]): string[] {
  const out: string[] = [];
  for (const line of header) {
    if (/pre-shared keys/.test(line)) continue;
    if (line === "" && out[out.length - 1] === "") continue;
    out.push(line);
  }
  return out;
}

export const renderFrr: Renderer = (input, device) => {
  const model = buildConfigModel(input, device ?? defaultDeviceParams("frr", 1));
  const bgp = planBgp(model);
  if (!bgp) return staticOnly(model);
  const header = headerLines(model, {
    formatId: "frr",
    platform: "FRR 8.x bgpd (BGP part; tunnels from the strongSwan configuration)",
    keepAliveCommands: [],
    notes: [
      "The tunnel interfaces carry the inside addresses below (created as in the strongSwan file).",
      "Load with `vtysh -f <file>` or merge into /etc/frr/frr.conf; enable bgpd=yes in /etc/frr/daemons.",
    ],
  });
  const tunnelLines = model.tunnels.map(
    (t) =>
      `Tunnel ${t.number}: neighbor ${t.awsInsideIp} (AWS, AS ${bgp.platformAsn}) from ${t.customerInsideIp}/${t.insidePrefix}`,
  );
  return joinSections([
    commentBlock([...withoutKeyWarning(header), "", ...tunnelLines], "!"),
    bgpSection(model, bgp),
    policySection(model, bgp),
    commentBlock(
      verifyLines([
        { command: "vtysh -c 'show bgp summary'", what: "every neighbor Established, prefixes received" },
        {
          command: `vtysh -c 'show ip route ${model.platformVpc.cidr}'`,
          what: "the VPC via tunnel 1 (local-preference 200)",
        },
        { command: "swanctl --list-sas", what: "IKE and IPsec SAs (strongSwan file)" },
      ]),
      "!",
    ),
  ]);
};
