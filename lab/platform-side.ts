// The platform (AWS) side of one tunnel, played by the lab as AWS behaves (DESIGN §5): it never
// initiates an IKEv1 tunnel, and initiates an IKEv2 tunnel only when the connection's startup action
// is `start` (provisioning sends `add`, AWS's default). Otherwise a responder-only strongSwan
// configuration and, for BGP, an FRR bgpd configuration — generated from the same parameters the
// customer's download is rendered from (outside IPs, inside /30, PSK, IKE version, policy).
import { buildConfigModel, describeTunnel } from "@/lib/router-config/render-helpers";
import { strongswanProposal, swanctlPskEnds } from "@/lib/router-config/render-strongswan";
import type { RouterConfigInput, TunnelParams } from "@/lib/router-config/types";

export const PLATFORM_CONNECTION = "platform";

/** AWS's tunnel option StartupAction: `add` (the customer gateway initiates) or `start`. */
export type StartupAction = "add" | "start";

/** What AWS does with a startup action: it initiates only IKEv2 tunnels, and only with `start`. */
export function platformInitiates(
  ikeVersion: RouterConfigInput["ikeVersion"],
  startup: StartupAction,
): boolean {
  return ikeVersion === "IKEV2" && startup === "start";
}

export type PlatformOverrides = {
  /** A different key (wrong-PSK negative control). */
  psk?: string;
  /** Different IKE and ESP proposals (proposal-mismatch negative control). */
  proposals?: string;
  /** The connection's startup action (default `add`, what provisioning sends). */
  startupAction?: StartupAction;
};

/** swanctl.conf for the AWS endpoint of `tunnel`; overrides for the negative controls and startup. */
export function platformSwanctlConf(
  input: RouterConfigInput,
  tunnel: TunnelParams,
  overrides: PlatformOverrides = {},
): string {
  const model = buildConfigModel(input);
  const t = describeTunnel(tunnel);
  const ikev2 = input.ikeVersion === "IKEV2";
  const psk = overrides.psk ?? tunnel.psk;
  const initiates = platformInitiates(input.ikeVersion, overrides.startupAction ?? "add");
  return [
    `# Lab platform side of tunnel ${t.number} (plays AWS): ${initiates ? "IKEv2 with startup action start: initiates too" : "responder only (AWS: never initiates IKEv1; IKEv2 only with startup action start)"}.`,
    "connections {",
    `  ${PLATFORM_CONNECTION} {`,
    `    version = ${ikev2 ? 2 : 1}`,
    ikev2 ? "    mobike = no" : "    aggressive = no",
    `    local_addrs = ${t.outsideIp}`,
    `    remote_addrs = ${input.customerGatewayIp}`,
    `    proposals = ${overrides.proposals ?? strongswanProposal(model.phase1)}`,
    `    rekey_time = ${model.phase1.lifetimeSeconds}s`,
    `    dpd_delay = ${model.dpd.intervalSeconds}s`,
    ...(ikev2 ? [] : [`    dpd_timeout = ${model.dpd.timeoutSeconds}s`]),
    ...swanctlPskEnds(t.outsideIp, input.customerGatewayIp),
    "    children {",
    `      ${PLATFORM_CONNECTION} {`,
    "        local_ts = 0.0.0.0/0",
    "        remote_ts = 0.0.0.0/0",
    `        esp_proposals = ${overrides.proposals ?? strongswanProposal(model.phase2)}`,
    `        rekey_time = ${model.phase2.lifetimeSeconds}s`,
    "        dpd_action = clear",
    `        start_action = ${initiates ? "start" : "none"}`,
    "      }",
    "    }",
    "  }",
    "}",
    "secrets {",
    "  ike-platform {",
    `    id-local = ${t.outsideIp}`,
    `    id-remote = ${input.customerGatewayIp}`,
    `    secret = "${psk}"`,
    "  }",
    "}",
    "",
  ].join("\n");
}

/** bgpd configuration of the AWS endpoint: platform ASN, neighbour = customer inside .2, advertise the VPC. */
export function platformFrrConf(input: RouterConfigInput, tunnel: TunnelParams): string {
  const model = buildConfigModel(input);
  const t = describeTunnel(tunnel);
  if (!model.bgp) throw new Error("platformFrrConf: BGP connections only");
  return [
    `! Lab platform side of tunnel ${t.number} (plays the virtual private gateway)`,
    `router bgp ${model.bgp.platformAsn}`,
    ` bgp router-id ${t.awsInsideIp}`,
    " no bgp ebgp-requires-policy",
    ` neighbor ${t.customerInsideIp} remote-as ${model.bgp.customerAsn}`,
    ` neighbor ${t.customerInsideIp} timers ${model.bgp.keepaliveSeconds} ${model.bgp.holdSeconds}`,
    " address-family ipv4 unicast",
    `  network ${model.platformVpc.cidr}`,
    " exit-address-family",
    "exit",
    "",
  ].join("\n");
}
