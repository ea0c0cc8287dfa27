// Vendor-neutral, human-readable parameters of every tunnel (in the spirit of AWS's "Generic" sample).
import {
  buildConfigModel,
  type ConfigModel,
  commentBlock,
  headerLines,
  joinSections,
  type TunnelView,
} from "./render-helpers";
import type { RouterConfigInput } from "./types";

const ENCRYPTION_NAME = { aes256: "AES-256-CBC", aes128: "AES-128-CBC" } as const;
const INTEGRITY_NAME = {
  sha256: "SHA2-256 (HMAC-SHA-256-128)",
  sha384: "SHA2-384",
  sha512: "SHA2-512",
} as const;

function tunnelSection(model: ConfigModel, tunnel: TunnelView): string[] {
  const { input, phase1, phase2, dpd } = model;
  const lines = [
    `Tunnel ${tunnel.number}`,
    "========",
    "",
    "#1 Internet Key Exchange (IKE, phase 1)",
    `  IKE version ................ ${input.ikeVersion === "IKEV2" ? "IKEv2" : "IKEv1, main mode (aggressive mode is not supported)"}`,
    "  Authentication ............. pre-shared key",
    `  Pre-shared key ............. ${tunnel.psk}`,
    `  Encryption ................. ${ENCRYPTION_NAME[phase1.encryption]}`,
    `  Integrity / PRF ............ ${INTEGRITY_NAME[phase1.integrity]}`,
    `  Diffie-Hellman group ....... ${phase1.dhGroup}`,
    `  Lifetime ................... ${phase1.lifetimeSeconds} seconds`,
    `  Dead peer detection ........ every ${dpd.intervalSeconds} s, ${dpd.retries} retries (${dpd.timeoutSeconds} s timeout); action: restart`,
    `  Initiation ................. ${model.customerInitiates ? "your router initiates, and re-initiates after DPD or close" : "on demand; the platform re-initiates after inactivity"}`,
    "",
    "#2 IPsec (phase 2)",
    "  Protocol ................... ESP, tunnel mode",
    `  Encryption ................. ${ENCRYPTION_NAME[phase2.encryption]}`,
    `  Integrity .................. ${INTEGRITY_NAME[phase2.integrity]}`,
    `  Perfect forward secrecy .... DH group ${phase2.dhGroup}`,
    `  Lifetime ................... ${phase2.lifetimeSeconds} seconds`,
    "  Traffic selectors .......... 0.0.0.0/0 <-> 0.0.0.0/0 (route-based; one SA pair per tunnel)",
    "  Clear DF bit / fragment before encryption: yes",
    "",
    "#3 Tunnel interface",
    `  Outside IP, platform (AWS) . ${tunnel.outsideIp}`,
    `  Outside IP, your gateway ... ${input.customerGatewayIp} (UDP 500 and 4500, ESP must reach it)`,
    `  Inside CIDR ................ ${tunnel.insideCidr}`,
    `  Inside IP, platform (AWS) .. ${tunnel.awsInsideIp}`,
    `  Inside IP, your router ..... ${tunnel.customerInsideIp}/${tunnel.insidePrefix}`,
    `  Interface MTU .............. ${model.mtu}`,
    `  TCP MSS clamp .............. ${model.mss}`,
    "",
  ];
  if (model.bgp) {
    lines.push(
      "#4 Border Gateway Protocol (BGP)",
      `  Neighbor IP ................ ${tunnel.awsInsideIp}`,
      `  Neighbor (remote) ASN ...... ${model.bgp.platformAsn}`,
      `  Your (local) ASN ........... ${model.bgp.customerAsn}`,
      `  Hold time / keep-alive ..... ${model.bgp.holdSeconds} s / ${model.bgp.keepaliveSeconds} s`,
      `  Advertise .................. ${model.customerNetworks.map((n) => n.cidr).join(", ") || "(your networks: none declared yet)"}`,
      "  The platform advertises the VPC CIDR to you; at most 100 prefixes are accepted from you.",
    );
  } else {
    const preference =
      model.tunnels.length > 1 ? (tunnel.number === 1 ? " (preferred)" : " (backup, higher distance)") : "";
    lines.push(
      "#4 Static routing",
      `  Route ${model.platformVpc.cidr} via ${tunnel.awsInsideIp} on this tunnel's interface${preference}`,
    );
  }
  return lines;
}

export function renderGeneric(input: RouterConfigInput): string {
  const model = buildConfigModel(input);
  const header = headerLines(model, {
    platform: "any IPsec router (generic parameters)",
    keepAliveCommands: [`Linux/macOS host behind the router: ping -i 5 ${model.keepAliveTarget}`],
    notes: ["Your router supports route-based (VTI) IPsec; otherwise use 0.0.0.0/0 selectors."],
  });
  return joinSections([commentBlock(header, "#"), ...model.tunnels.map((t) => tunnelSection(model, t))]);
}
