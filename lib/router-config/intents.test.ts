// The written contract of intents every router configuration must keep (DESIGN §5 and §7, issue 9),
// checked by parsing the rendered output of every format × IKE version × routing × tunnel count:
//
//  1. both (or the one) tunnels are present, enabled and initiated by the customer's side;
//  2. proposals, lifetimes and DPD equal what provisioning sends AWS (TUNNEL_POLICY);
//  3. routes for the platform VPC: static routes tied to a per-tunnel liveness check, or BGP with a
//     tunnel preference (local-preference in, AS-path prepend towards tunnel 2) when there are two;
//  4. firewall zones/policies/NAT exemption where the device is a firewall, and the outside
//     interface admits IKE/ESP where the device does not do that by itself;
//  5. MTU/MSS where the vendor allows it;
//  6. a verification section with the device's show commands;
//  7. no wording that says the platform side initiates or re-initiates.
// A vendor/version that cannot meet the policy for a combination is refused (no output at all).
import { describe, expect, it } from "vitest";
import { TUNNEL_POLICY } from "@/lib/vpn/tunnel-policy";
import { type DeviceParams, defaultDeviceParams } from "./device-params";
import { ROUTER_CONFIG_FORMATS, type RouterConfigFormatId } from "./formats";
import { buildConfigModel, type ConfigModel, type TunnelView } from "./render-helpers";
import { RouterConfigRefusedError, refusalReason, renderRouterConfig } from "./render-router-config";
import { testInput } from "./test-fixtures";
import type { RouterConfigInput } from "./types";

const BASE = testInput();

type Combo = { name: string; input: RouterConfigInput };

const COMBOS: Combo[] = [];
for (const ikeVersion of ["IKEV1", "IKEV2"] as const) {
  for (const routing of ["STATIC", "BGP"] as const) {
    for (const count of [1, 2] as const) {
      COMBOS.push({
        name: `${routing.toLowerCase()}-${ikeVersion.toLowerCase()}-${count}tunnel${count === 2 ? "s" : ""}`,
        input: {
          ...BASE,
          ikeVersion,
          routing,
          customerAsn: routing === "BGP" ? 65010 : null,
          tunnels: BASE.tunnels.slice(0, count),
        },
      });
    }
  }
}

type Ctx = { text: string; model: ConfigModel; device: DeviceParams; code: string[] };

/** Lines that are configuration, not comments (the comment marker of each format). */
function codeLines(text: string, marker: string): string[] {
  return text.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith(marker));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Expects a configuration line matching `pattern` (a regex, or a text the line contains). */
function line(ctx: Ctx, pattern: string | RegExp, why: string): string {
  const re = typeof pattern === "string" ? new RegExp(esc(pattern)) : pattern;
  const found = ctx.code.find((l) => re.test(l));
  expect(found, `${why}: no line matching ${re}`).toBeDefined();
  return found ?? "";
}

function noLine(ctx: Ctx, pattern: RegExp, why: string): void {
  const found = ctx.code.find((l) => pattern.test(l));
  expect(found, `${why}: unexpected line ${found}`).toBeUndefined();
}

/** The block of an `edit "name"` … `next` (FortiOS) or `conn name` (libreswan), as text. */
function block(text: string, start: RegExp, end: RegExp): string {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => start.test(l));
  expect(i, `no block ${start}`).toBeGreaterThanOrEqual(0);
  const out: string[] = [];
  for (let j = i + 1; j < lines.length && !end.test(lines[j] ?? ""); j++) out.push(lines[j] ?? "");
  return out.join("\n");
}

type Contract = {
  marker: string;
  firewall?: boolean;
  /** 1: present, enabled, initiated by the customer. */
  tunnel: (ctx: Ctx, t: TunnelView, n: number) => void;
  /** 2: proposals, lifetimes, DPD. */
  proposals: (ctx: Ctx) => void;
  /** 3 (static): VPC route through tunnel t, tied to its liveness check. */
  staticRoute?: (ctx: Ctx, t: TunnelView, n: number) => void;
  /** 3 (BGP): neighbour of tunnel t, and the preference when there are two tunnels. */
  bgp?: (ctx: Ctx, t: TunnelView, two: boolean) => void;
  /** 4: zones/policies/NAT exemption, outside admits IKE/ESP. */
  firewallRules?: (ctx: Ctx) => void;
  /** 5: MTU/MSS. */
  mtuMss: (ctx: Ctx) => void;
};

const P1 = TUNNEL_POLICY.phase1.lifetimeSeconds;
const P2 = TUNNEL_POLICY.phase2.lifetimeSeconds;

const CONTRACTS: Record<RouterConfigFormatId, Contract> = {
  generic: {
    marker: "#",
    tunnel: (ctx, t) => {
      expect(ctx.text).toContain(`Outside IP, platform (AWS) . ${t.outsideIp}`);
      expect(ctx.text).toContain(`Pre-shared key ............. ${t.psk}`);
      expect(ctx.text).toMatch(/Initiation \.+ your router initiates this tunnel \(at once/);
    },
    proposals: (ctx) => {
      expect(ctx.text).toContain(`Lifetime ................... ${P1} seconds`);
      expect(ctx.text).toContain(`Lifetime ................... ${P2} seconds`);
      expect(ctx.text).toMatch(/Dead peer detection .* \(30 s timeout\); action: restart/);
      expect(ctx.text).toContain("ONE consolidated selector");
    },
    staticRoute: (ctx, t) => {
      expect(ctx.text).toContain(`Route ${ctx.model.platformVpc.cidr} via ${t.awsInsideIp}`);
      expect(ctx.text).toMatch(new RegExp(`Liveness \\.+ ping ${esc(t.awsInsideIp)} through this tunnel`));
    },
    bgp: (ctx, t, two) => {
      expect(ctx.text).toContain(`Neighbor IP ................ ${t.awsInsideIp}`);
      if (two)
        expect(ctx.text).toContain(t.number === 1 ? "local-preference 200" : "prepend your AS 2 times");
    },
    mtuMss: (ctx) => {
      expect(ctx.text).toContain("Interface MTU .............. 1399");
      expect(ctx.text).toContain("TCP MSS clamp .............. 1359");
    },
  },
  strongswan: {
    marker: "#",
    tunnel: (ctx, t, n) => {
      const conn = block(ctx.text, new RegExp(`^ {2}aws-tunnel-${n} \\{`), /^ {2}\}/);
      expect(conn).toContain(`remote_addrs = ${t.outsideIp}`);
      expect(conn).not.toMatch(/^\s*local_addrs/m);
      expect(conn).toContain(`if_id_in = ${n}`);
      expect(conn).toContain("start_action = start");
      expect(conn).toContain("close_action = start");
      expect(conn).toContain("dpd_action = restart");
      expect(conn).toContain("keyingtries = 0");
      line(ctx, `secret = "${t.psk}"`, "PSK");
    },
    proposals: (ctx) => {
      for (const l of ctx.code.filter((c) => /^\s+(esp_)?proposals = /.test(c))) {
        expect(l).toMatch(/= aes256-sha256-modp2048$/);
      }
      if (ctx.model.input.ikeVersion === "IKEV1") {
        // IKEv1 proposes rekey_time + over_time: exactly the AWS lifetime.
        line(ctx, `rekey_time = ${P1 - P1 / 10}s`, "IKE rekey");
        line(ctx, `over_time = ${P1 / 10}s`, "IKE over time");
        line(ctx, `life_time = ${P2}s`, "CHILD life time");
        line(ctx, "dpd_timeout = 30s", "IKEv1 DPD timeout");
      } else {
        line(ctx, `rekey_time = ${P1}s`, "IKE rekey");
        line(ctx, `rekey_time = ${P2}s`, "CHILD rekey");
      }
      line(ctx, "dpd_delay = 10s", "DPD");
    },
    staticRoute: (ctx, t, n) => {
      line(
        ctx,
        `updown = ${ctx.device.updown} xfrm-aws${n} ${ctx.model.platformVpc.cidr} ${t.number === 1 ? 100 : 200}`,
        "route installed/withdrawn with the tunnel",
      );
      expect(ctx.text).toContain('#|   down-client) ip route del "$vpc" dev "$dev"');
    },
    bgp: (ctx) => noLine(ctx, /updown =/, "BGP needs no route script (FRR)"),
    mtuMss: (ctx) => {
      expect(ctx.text).toContain("mtu 1399 up");
      expect(ctx.text).toContain("--set-mss 1359");
      expect(ctx.text).toContain("rp_filter=2");
    },
  },
  libreswan: {
    marker: "#",
    tunnel: (ctx, t, n) => {
      const conn = block(ctx.text, new RegExp(`^conn aws-tunnel-${n}$`), /^(conn |#|$)/);
      expect(conn).toContain(`right=${t.outsideIp}`);
      expect(conn).toContain("auto=start");
      expect(conn).toContain("dpdaction=restart");
      expect(conn).toContain(`ipsec-interface=${n}`);
      expect(conn).toContain(`ikev2=${ctx.model.input.ikeVersion === "IKEV2" ? "yes" : "no"}`);
      expect(ctx.text).toContain(`#= ${ctx.model.input.customerGatewayIp} ${t.outsideIp} : PSK "${t.psk}"`);
    },
    proposals: (ctx) => {
      line(ctx, "ike=aes256-sha2_256-modp2048", "phase 1");
      line(ctx, "phase2alg=aes256-sha2_256-modp2048", "phase 2");
      line(ctx, `ikelifetime=${P1}s`, "phase 1 lifetime");
      line(ctx, `salifetime=${P2}s`, "phase 2 lifetime");
      line(ctx, "dpdtimeout=30", "DPD");
    },
    staticRoute: (ctx, t, n) => {
      line(
        ctx,
        `leftupdown="${ctx.device.updown} ipsec${n} ${ctx.model.platformVpc.cidr} ${t.number === 1 ? 100 : 200}"`,
        "route script",
      );
    },
    bgp: (ctx) => line(ctx, "leftupdown=%disabled", "BGP: no route script"),
    mtuMss: (ctx) => {
      line(ctx, "mtu=1399", "MTU");
      expect(ctx.text).toContain("--set-mss 1359");
    },
  },
  frr: {
    marker: "!",
    tunnel: (ctx, t) => line(ctx, ` neighbor ${t.awsInsideIp} remote-as 64512`, "neighbour per tunnel"),
    proposals: (ctx) => line(ctx, /timers 10 30$/, "BGP timers"),
    bgp: (ctx, t, two) => {
      const suffix = t.number === 1 ? "" : "-BACKUP";
      line(ctx, `  neighbor ${t.awsInsideIp} route-map FROM-PLATFORM${suffix} in`, "in map");
      if (two) {
        expect(ctx.text).toContain(
          t.number === 1 ? " set local-preference 200" : " set as-path prepend 65010 65010",
        );
      }
    },
    mtuMss: () => {},
  },
  "cisco-ios": {
    marker: "!",
    tunnel: (ctx, t, n) => {
      const iface = block(ctx.text, new RegExp(`^interface Tunnel${n}$`), /^!/);
      expect(iface).toContain(` tunnel destination ${t.outsideIp}`);
      expect(iface).toContain(" no shutdown");
      expect(iface).toContain(" tunnel protection ipsec profile");
      if (ctx.model.input.ikeVersion === "IKEV2") line(ctx, `  pre-shared-key ${t.psk}`, "PSK");
      else line(ctx, ` pre-shared-key address ${t.outsideIp} key ${t.psk}`, "PSK");
    },
    proposals: (ctx) => {
      if (ctx.model.input.ikeVersion === "IKEV2") {
        line(ctx, " encryption aes-cbc-256", "IKE enc");
        line(ctx, " integrity sha256", "IKE integrity");
        line(ctx, ` lifetime ${P1}`, "IKE lifetime");
        line(ctx, " dpd 10 3 periodic", "DPD");
      } else {
        line(ctx, /^crypto isakmp policy \d+$/, "ISAKMP policy");
        line(ctx, " hash sha256", "hash");
        line(ctx, ` lifetime ${P1}`, "IKE lifetime");
        line(ctx, " keepalive 10 retry 10", "DPD");
      }
      line(ctx, " group 14", "DH");
      line(ctx, ` set security-association lifetime seconds ${P2}`, "IPsec lifetime");
      line(ctx, " set pfs group14", "PFS");
      line(ctx, "crypto ipsec security-association replay window-size 128", "replay window");
      line(ctx, "crypto ipsec fragmentation before-encryption", "fragmentation");
    },
    staticRoute: (ctx, t, n) => {
      const sla = 100 + n;
      line(ctx, ` icmp-echo ${t.awsInsideIp} source-interface Tunnel${n}`, "SLA through its own tunnel");
      line(ctx, `track ${sla} ip sla ${sla} reachability`, "track");
      line(
        ctx,
        new RegExp(
          `^ip route ${esc(ctx.model.platformVpc.address)} \\S+ Tunnel${n} ${esc(t.awsInsideIp)}.* track ${sla}$`,
        ),
        "route tied to the track",
      );
    },
    bgp: (ctx, t, two) => {
      line(ctx, ` neighbor ${t.awsInsideIp} remote-as 64512`, "neighbour");
      if (two) {
        line(ctx, new RegExp(`neighbor ${esc(t.awsInsideIp)} route-map \\S+-${t.number}-in in`), "pref in");
        expect(ctx.text).toContain(
          t.number === 1 ? " set local-preference 200" : " set as-path prepend 65010 65010",
        );
      }
    },
    mtuMss: (ctx) => {
      line(ctx, " ip mtu 1399", "MTU");
      line(ctx, " ip tcp adjust-mss 1359", "MSS");
    },
  },
  "cisco-asa": {
    marker: "!",
    firewall: true,
    tunnel: (ctx, t, n) => {
      const iface = block(ctx.text, new RegExp(`^interface Tunnel${n}$`), /^!/);
      expect(iface).toContain(` nameif aws-tun${n}`);
      expect(iface).toContain(` tunnel destination ${t.outsideIp}`);
      expect(iface).toContain(" no shutdown");
      line(ctx, ` ikev2 local-authentication pre-shared-key ${t.psk}`, "PSK");
    },
    proposals: (ctx) => {
      line(ctx, /^crypto ikev2 policy \d+$/, "IKEv2 policy");
      line(ctx, " integrity sha256", "integrity");
      line(ctx, ` lifetime seconds ${P1}`, "IKE lifetime");
      line(ctx, ` set security-association lifetime seconds ${P2}`, "IPsec lifetime");
      line(ctx, " protocol esp integrity sha-256", "ESP integrity");
      line(ctx, " set pfs group14", "PFS");
      line(ctx, " isakmp keepalive threshold 10 retry 3", "DPD");
      noLine(ctx, /ikev1|esp-sha-256-hmac|hash sha256/, "ASA IKEv1 has no SHA-2");
    },
    staticRoute: (ctx, t, n) => {
      const sla = 100 + n;
      line(ctx, ` type echo protocol ipIcmpEcho ${t.awsInsideIp} interface aws-tun${n}`, "SLA per tunnel");
      line(ctx, `track ${sla} rtr ${sla} reachability`, "track");
      line(ctx, new RegExp(`^route aws-tun${n} .* track ${sla}$`), "route tied to the track");
    },
    bgp: (ctx, t, two) => {
      line(ctx, `  neighbor ${t.awsInsideIp} remote-as 64512`, "neighbour");
      if (two)
        line(
          ctx,
          new RegExp(`neighbor ${esc(t.awsInsideIp)} route-map \\S+-${t.number}-out out`),
          "pref out",
        );
    },
    firewallRules: (ctx) => {
      for (const t of ctx.model.tunnels) {
        line(
          ctx,
          new RegExp(`^access-group \\S+ in interface aws-tun${ctx.model.device.tunnel1 + t.number - 1}$`),
          "ACL",
        );
        line(ctx, /^nat \(inside,aws-tun\d+\) source static any any destination static/, "no NAT");
      }
      line(ctx, /^access-list \S+ extended permit ip object \S+-vpc any$/, "VPC may start flows");
    },
    mtuMss: (ctx) => line(ctx, "sysopt connection tcpmss 1359", "MSS"),
  },
  "juniper-srx": {
    marker: "#",
    firewall: true,
    tunnel: (ctx, t, n) => {
      line(
        ctx,
        new RegExp(`^set security ike gateway \\S+-${t.number} address ${esc(t.outsideIp)}$`),
        "gateway",
      );
      line(
        ctx,
        new RegExp(`^set security ipsec vpn \\S+-${t.number} bind-interface st0\\.${n}$`),
        "st0 unit",
      );
      line(
        ctx,
        new RegExp(`^set security ipsec vpn \\S+-${t.number} establish-tunnels immediately$`),
        "initiate",
      );
      line(ctx, `pre-shared-key ascii-text "${t.psk}"`, "PSK");
      noLine(ctx, /on-traffic/, "never wait for traffic");
    },
    proposals: (ctx) => {
      line(ctx, /ike proposal \S+ lifetime-seconds 28800$/, "IKE lifetime");
      line(ctx, /ipsec proposal \S+ lifetime-seconds 3600$/, "IPsec lifetime");
      line(ctx, /authentication-algorithm hmac-sha-256-128$/, "ESP integrity");
      line(ctx, /perfect-forward-secrecy keys group14$/, "PFS");
      line(ctx, /dead-peer-detection threshold 3$/, "DPD");
    },
    staticRoute: (ctx, t, n) => {
      line(ctx, new RegExp(`vpn-monitor source-interface st0\\.${n}$`), "monitor from its own unit");
      line(ctx, new RegExp(`vpn-monitor destination-ip ${esc(t.awsInsideIp)}$`), "monitor target");
      line(
        ctx,
        new RegExp(
          `static route ${esc(ctx.model.platformVpc.cidr)} qualified-next-hop ${esc(t.awsInsideIp)}`,
        ),
        "route",
      );
    },
    bgp: (ctx, t, two) => {
      line(ctx, new RegExp(`neighbor ${esc(t.awsInsideIp)} local-address`), "neighbour");
      if (two) {
        line(ctx, new RegExp(`neighbor ${esc(t.awsInsideIp)} import \\S+-${t.number}-import$`), "pref in");
        if (t.number === 2) line(ctx, /as-path-prepend "65010 65010"$/, "prepend");
      }
    },
    firewallRules: (ctx) => {
      line(ctx, /^set security policies from-zone trust to-zone \S+ policy \S+-to-vpc then permit$/, "out");
      line(ctx, /^set security policies from-zone \S+ to-zone trust policy \S+-from-vpc then permit$/, "in");
      line(ctx, /host-inbound-traffic system-services ike$/, "IKE on the outside");
    },
    mtuMss: (ctx) => {
      line(ctx, /family inet mtu 1399$/, "MTU");
      line(ctx, "set security flow tcp-mss ipsec-vpn mss 1359", "MSS");
    },
  },
  "paloalto-panos": {
    marker: "#",
    firewall: true,
    tunnel: (ctx, t, n) => {
      line(
        ctx,
        new RegExp(`^set network ike gateway \\S+-${t.number} peer-address ip ${esc(t.outsideIp)}$`),
        "gateway",
      );
      line(
        ctx,
        new RegExp(`^set network ike gateway \\S+-${t.number} protocol-common passive-mode no$`),
        "initiate",
      );
      line(
        ctx,
        new RegExp(`^set network tunnel ipsec \\S+-${t.number} tunnel-interface tunnel\\.${n}$`),
        "tunnel",
      );
      line(ctx, `authentication pre-shared-key key ${t.psk}`, "PSK");
    },
    proposals: (ctx) => {
      line(ctx, /ike-crypto-profiles \S+ lifetime seconds 28800$/, "IKE lifetime");
      line(ctx, /ipsec-crypto-profiles \S+ lifetime seconds 3600$/, "IPsec lifetime");
      line(ctx, /ipsec-crypto-profiles \S+ esp authentication sha256$/, "ESP");
      line(ctx, /dpd enable yes interval 10/, "DPD");
    },
    staticRoute: (ctx, t, n) => {
      line(ctx, new RegExp(`tunnel-monitor destination-ip ${esc(t.awsInsideIp)}$`), "tunnel monitor");
      line(ctx, /monitor-profile \S+ action fail-over$/, "fail-over");
      line(
        ctx,
        new RegExp(
          `static-route \\S+ destination ${esc(ctx.model.platformVpc.cidr)} interface tunnel\\.${n} `,
        ),
        "route",
      );
    },
    bgp: (ctx, t, two) => {
      line(ctx, new RegExp(`peer-address ip ${esc(t.awsInsideIp)}$`), "peer");
      if (two) {
        line(
          ctx,
          new RegExp(`import rules \\S+-${t.number}-in action allow update local-preference`),
          "pref in",
        );
        if (t.number === 2)
          line(ctx, /export rules \S+-2-out action allow update as-path prepend 2$/, "prepend");
      }
    },
    firewallRules: (ctx) => {
      line(ctx, /^set rulebase security rules \S+-to-vpc from trust to \S+ .* action allow$/, "out");
      line(ctx, /^set rulebase security rules \S+-from-vpc from \S+ to trust .* action allow$/, "in");
      line(ctx, /^set rulebase nat rules \S+-no-nat /, "NAT exemption");
      line(ctx, /application \[ ike ipsec-esp ipsec-esp-udp \]/, "IKE/ESP on the outside");
    },
    mtuMss: (ctx) => {
      line(ctx, /units tunnel\.\d+ mtu 1399$/, "MTU");
      line(
        ctx,
        /^set network interface ethernet \S+ layer3 adjust-tcp-mss enable yes ipv4-mss-adjustment 101$/,
        "MSS",
      );
      noLine(ctx, /tunnel units \S+ adjust-tcp-mss/, "tunnels have no adjust-tcp-mss");
    },
  },
  fortigate: {
    marker: "#",
    firewall: true,
    tunnel: (ctx, t) => {
      const p1 = block(ctx.text, new RegExp(`^ {4}edit "vpn\\w+-${t.number}"$`), /^ {4}next$/);
      expect(p1).toContain(`set remote-gw ${t.outsideIp}`);
      expect(p1).toContain(`set psksecret ${t.psk}`);
      const p2 = ctx.text.split("config vpn ipsec phase2-interface")[1] ?? "";
      const p2t = block(p2, new RegExp(`^ {4}edit "vpn\\w+-${t.number}"$`), /^ {4}next$/);
      expect(p2t).toContain("set auto-negotiate enable");
      expect(p2t).toContain("set keepalive enable");
    },
    proposals: (ctx) => {
      line(ctx, `set keylife ${P1}`, "IKE lifetime");
      line(ctx, `set keylifeseconds ${P2}`, "IPsec lifetime");
      line(ctx, "set proposal aes256-sha256", "proposal");
      line(ctx, "set dpd-retrycount 3", "DPD");
      noLine(ctx, /auto-negotiate disable|keepalive disable/, "never passive");
    },
    staticRoute: (ctx, t) => {
      const lm = ctx.text.split("config system link-monitor")[1] ?? "";
      expect(lm).toContain(`set server "${t.awsInsideIp}"`);
      expect(lm).toContain("set update-static-route enable");
      const routes = ctx.text.split("config router static")[1] ?? "";
      expect(routes.match(/set distance 10$/gm)?.length).toBe(ctx.model.tunnels.length);
      expect(routes).toContain(`set priority ${t.number === 1 ? 0 : 10}`);
      expect(routes).toContain("set blackhole enable");
    },
    bgp: (ctx, t, two) => {
      line(ctx, `edit "${t.awsInsideIp}"`, "neighbour");
      if (two) line(ctx, new RegExp(`set route-map-in "vpn\\w+-${t.number}-in"`), "pref in");
      line(ctx, "set blackhole enable", "VPC blackhole");
    },
    firewallRules: (ctx) => {
      const pol = ctx.text.split("config firewall policy")[1] ?? "";
      expect(pol.match(/set action accept/g)).toHaveLength(2);
      expect(pol).toMatch(/set srcintf "internal"\n\s+set dstintf "vpn/);
      expect(pol).toMatch(/set dstintf "internal"/);
      expect(pol.match(/set nat disable/g)).toHaveLength(2);
    },
    mtuMss: (ctx) => {
      line(ctx, "set mtu 1399", "MTU");
      line(ctx, "set tcp-mss 1359", "MSS");
    },
  },
  "mikrotik-routeros": {
    marker: "#",
    firewall: true,
    tunnel: (ctx, t) => {
      const peer = line(
        ctx,
        new RegExp(`^add name=\\S+-${t.number} address=${esc(t.outsideIp)}/32 `),
        "peer",
      );
      expect(peer).toContain("passive=no");
      const policies = ctx.code.filter((l) => new RegExp(`^add peer=\\S+-${t.number} tunnel=yes`).test(l));
      expect(policies, "exactly one SA pair per tunnel").toHaveLength(1);
      expect(policies[0]).not.toContain("disabled=yes");
      line(ctx, `secret="${t.psk}"`, "PSK");
    },
    proposals: (ctx) => {
      line(ctx, /lifetime=28800s dpd-interval=10s dpd-maximum-failures=3/, "IKE lifetime + DPD");
      line(ctx, /auth-algorithms=sha256 pfs-group=modp2048 lifetime=3600s$/, "IPsec lifetime");
    },
    staticRoute: (ctx, t) => {
      line(
        ctx,
        new RegExp(`^add type=icmp host=${esc(t.awsInsideIp)} src-address=${esc(t.customerInsideIp)}`),
        "liveness",
      );
      if (ctx.model.tunnels.length > 1)
        line(ctx, /^add name=\S+-failover interval=10s on-event=/, "failover");
    },
    firewallRules: (ctx) => {
      for (const t of ctx.model.tunnels) {
        line(
          ctx,
          new RegExp(
            `chain=input action=accept protocol=udp dst-port=500,4500 src-address=${esc(t.outsideIp)}`,
          ),
          "IKE in",
        );
        line(
          ctx,
          new RegExp(`chain=input action=accept protocol=ipsec-esp src-address=${esc(t.outsideIp)}`),
          "ESP in",
        );
      }
      line(ctx, /chain=srcnat action=accept dst-address=10\.150\.0\.0\/20/, "NAT exemption");
    },
    mtuMss: (ctx) => line(ctx, /action=change-mss new-mss=1359/, "MSS"),
  },
  vyos: {
    marker: "#",
    tunnel: (ctx, t, n) => {
      const peer = `set vpn ipsec site-to-site peer ${ctx.model.slug}-${t.number}`;
      line(ctx, `${peer} remote-address '${t.outsideIp}'`, "peer");
      line(ctx, `${peer} connection-type 'initiate'`, "initiate");
      line(ctx, `${peer} vti bind 'vti${n}'`, "VTI");
      line(ctx, `secret '${t.psk}'`, "PSK");
      noLine(ctx, /connection-type 'respond'/, "never respond only");
    },
    proposals: (ctx) => {
      line(ctx, /ike-group \S+ lifetime '28800'$/, "IKE lifetime");
      line(ctx, /esp-group \S+ lifetime '3600'$/, "ESP lifetime");
      line(ctx, /dead-peer-detection action 'restart'$/, "DPD");
      line(ctx, /close-action 'start'$/, "close");
    },
    staticRoute: (ctx, t) => {
      line(
        ctx,
        `set protocols static route ${ctx.model.platformVpc.cidr} next-hop ${t.awsInsideIp}`,
        "route on the VTI",
      );
    },
    bgp: (ctx, t, two) => {
      line(ctx, `set protocols bgp neighbor ${t.awsInsideIp} remote-as '64512'`, "neighbour");
      if (two)
        line(
          ctx,
          new RegExp(`neighbor ${esc(t.awsInsideIp)} address-family ipv4-unicast route-map import`),
          "pref",
        );
    },
    mtuMss: (ctx) => {
      line(ctx, /mtu '1399'$/, "MTU");
      line(ctx, /ip adjust-mss '1359'$/, "MSS");
    },
  },
  edgeos: {
    marker: "#",
    tunnel: (ctx, t, n) => {
      const peer = `set vpn ipsec site-to-site peer ${t.outsideIp}`;
      line(ctx, `${peer} connection-type initiate`, "initiate");
      line(ctx, `${peer} vti bind vti${n}`, "VTI");
      line(ctx, `${peer} authentication pre-shared-secret ${t.psk}`, "PSK");
      noLine(ctx, /connection-type respond/, "never respond only");
    },
    proposals: (ctx) => {
      line(ctx, /ike-group \S+ lifetime 28800$/, "IKE lifetime");
      line(ctx, /esp-group \S+ lifetime 3600$/, "ESP lifetime");
      line(ctx, /dead-peer-detection action restart$/, "DPD");
    },
    staticRoute: (ctx, _t, n) => {
      line(
        ctx,
        `set protocols static interface-route ${ctx.model.platformVpc.cidr} next-hop-interface vti${n}`,
        "route",
      );
    },
    bgp: (ctx, t, two) => {
      line(ctx, new RegExp(`neighbor ${esc(t.awsInsideIp)} remote-as 64512$`), "neighbour");
      if (two) line(ctx, new RegExp(`neighbor ${esc(t.awsInsideIp)} route-map import`), "pref");
    },
    mtuMss: (ctx) => {
      line(ctx, /mtu 1399$/, "MTU");
      line(ctx, "set firewall options mss-clamp mss 1359", "MSS");
    },
  },
};

function contextOf(format: RouterConfigFormatId, input: RouterConfigInput, device: DeviceParams): Ctx {
  const text = renderRouterConfig(format, input, device).content;
  const contract = CONTRACTS[format];
  return { text, model: buildConfigModel(input, device), device, code: codeLines(text, contract.marker) };
}

describe.each(ROUTER_CONFIG_FORMATS.map((f) => f.id))("%s: intents (every combination)", (format) => {
  const contract = CONTRACTS[format];
  for (const combo of COMBOS) {
    const applies = !(format === "frr" && combo.input.routing === "STATIC");
    if (!applies) continue;
    const refused = refusalReason(format, combo.input);
    it(`${combo.name}${refused ? " (refused)" : ""}`, () => {
      const device = defaultDeviceParams(format, 1);
      if (refused) {
        expect(() => renderRouterConfig(format, combo.input, device)).toThrow(RouterConfigRefusedError);
        expect(refused).toMatch(/Use |Ask /);
        return;
      }
      const ctx = contextOf(format, combo.input, device);
      const two = ctx.model.tunnels.length > 1;
      // 1. tunnels present, enabled, initiated by the customer
      for (const t of ctx.model.tunnels) {
        contract.tunnel(ctx, t, t.number === 1 ? device.tunnel1 : device.tunnel2);
      }
      if (!two) expect(ctx.text).not.toContain("203.0.113.20");
      noLine(
        ctx,
        /disabled=yes|^\s*shutdown$|set status disable|passive-mode yes|connection-type '?respond/,
        "every tunnel enabled, none passive",
      );
      // 2. proposals, lifetimes, DPD
      contract.proposals(ctx);
      // 3. routes with liveness (static) or BGP with a preference
      for (const t of ctx.model.tunnels) {
        const n = t.number === 1 ? device.tunnel1 : device.tunnel2;
        if (ctx.model.bgp) contract.bgp?.(ctx, t, two);
        else contract.staticRoute?.(ctx, t, n);
      }
      // 4. firewall rules
      if (contract.firewall) {
        expect(contract.firewallRules, `${format} is a firewall: rules required`).toBeDefined();
        contract.firewallRules?.(ctx);
      }
      // 5. MTU/MSS
      contract.mtuMss(ctx);
      // 6. a verification section with show commands
      const verify = ctx.text.split("VERIFY on the device:")[1] ?? "";
      expect(verify.trim().split("\n").length, "verification commands").toBeGreaterThanOrEqual(3);
      // 7. who initiates (DESIGN §5)
      expect(ctx.text).not.toMatch(/platform (side )?re-?initiates|connection-type '?respond|auto=add/i);
      if (format !== "frr") expect(ctx.text).toContain("your router initiates both tunnels");
      // The file names the vendor document and release it was written for.
      expect(ctx.text).toMatch(/Written for: .+\n\S+ Follows: {5}\S/);
    });
  }
});

/** Identifiers two connections on one device must not share, per format (tunnel interfaces, if_id, SLA, policy). */
const IDENTIFIERS: Partial<Record<RouterConfigFormatId, RegExp[]>> = {
  strongswan: [/if_id_in = (\d+)/g, /^ {2}(aws-tunnel-\d+) \{/gm, /(xfrm-aws\d+)/g],
  libreswan: [/ipsec-interface=(\d+)/g, /^conn (\S+)/gm],
  "cisco-ios": [
    /^interface (Tunnel\d+)/gm,
    /^ip sla (\d+)$/gm,
    /^track (\d+)/gm,
    /^crypto isakmp policy (\d+)/gm,
  ],
  "cisco-asa": [
    /^interface (Tunnel\d+)/gm,
    /nameif (\S+)/g,
    /^sla monitor (\d+)$/gm,
    /^crypto ikev2 policy (\d+)/gm,
  ],
  "juniper-srx": [/st0 unit (\d+)/g, /security-zone (vpn-\S+)/g],
  "paloalto-panos": [/(tunnel\.\d+)/g],
  fortigate: [/edit "(vpn\w+-\d)"/g],
  "mikrotik-routeros": [/^add name=(\S+-\d) address=/gm],
  vyos: [/(vti\d+)/g],
  edgeos: [/(vti\d+)/g],
};

function identifiers(format: RouterConfigFormatId, text: string): Set<string> {
  const out = new Set<string>();
  const code = codeLines(text, CONTRACTS[format].marker).join("\n");
  for (const re of IDENTIFIERS[format] ?? []) for (const m of code.matchAll(re)) out.add(m[1] ?? "");
  return out;
}

describe("two connections of one organization, default parameters", () => {
  const second: RouterConfigInput = {
    ...BASE,
    requestId: "req_01HZX5Q9",
    vpnConnectionId: "vpn-0d1e2f3a4b5c6071b",
    tunnels: [
      {
        number: 1,
        outsideIp: "203.0.113.30",
        insideCidr: "169.254.46.0/30",
        psk: "Tunnel3.Secret_abcdefGHIJ",
      },
      {
        number: 2,
        outsideIp: "203.0.113.40",
        insideCidr: "169.254.47.4/30",
        psk: "Tunnel4.Secret_klmnopQRST",
      },
    ],
  };
  for (const format of Object.keys(IDENTIFIERS) as RouterConfigFormatId[]) {
    for (const routing of ["STATIC", "BGP"] as const) {
      const a = { ...BASE, routing, customerAsn: routing === "BGP" ? 65010 : null };
      const b = { ...second, routing, customerAsn: routing === "BGP" ? 65010 : null };
      if (refusalReason(format, a)) continue;
      it(`${format} ${routing}: share no tunnel interface, if_id, policy or SLA number`, () => {
        const first = identifiers(
          format,
          renderRouterConfig(format, a, defaultDeviceParams(format, 1)).content,
        );
        const other = identifiers(
          format,
          renderRouterConfig(format, b, defaultDeviceParams(format, 2)).content,
        );
        expect(first.size).toBeGreaterThan(0);
        expect(other.size).toBeGreaterThan(0);
        expect([...first].filter((id) => other.has(id))).toEqual([]);
      });
    }
  }
});
