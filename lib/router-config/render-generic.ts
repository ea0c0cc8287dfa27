// Vendor-neutral, human-readable parameters of every tunnel (in the spirit of AWS's "Generic" sample).
// Vendor document: AWS Site-to-Site VPN User Guide, "Your customer gateway device" and the generic
// sample configuration (download "Generic / Vendor agnostic"); release: any route-based device.
import type { ConfigModel, TunnelView } from "./render-kit";
import { bgpPreference, defineRenderer, tunnelPreferenceNote } from "./render-kit";

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
    "  Initiation ................. your router initiates this tunnel (at once, not on traffic) and re-initiates it after DPD or a close; the platform never initiates (AWS: never for IKEv1, IKEv2 only with startup action 'start')",
    "",
    "#2 IPsec (phase 2)",
    "  Protocol ................... ESP, tunnel mode",
    `  Encryption ................. ${ENCRYPTION_NAME[phase2.encryption]}`,
    `  Integrity .................. ${INTEGRITY_NAME[phase2.integrity]}`,
    `  Perfect forward secrecy .... DH group ${phase2.dhGroup}`,
    `  Lifetime ................... ${phase2.lifetimeSeconds} seconds`,
    "  Traffic selectors .......... route-based: 0.0.0.0/0 <-> 0.0.0.0/0, one SA pair per tunnel.",
    `                               Policy-based device: ONE consolidated selector pair per tunnel (your networks <-> ${model.platformVpc.cidr}); never one SA per subnet pair`,
    "  Replay window .............. 128 packets",
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
    const pref = bgpPreference(tunnel);
    lines.push(
      "#4 Border Gateway Protocol (BGP)",
      `  Neighbor IP ................ ${tunnel.awsInsideIp}`,
      `  Neighbor (remote) ASN ...... ${model.bgp.platformAsn}`,
      `  Your (local) ASN ........... ${model.bgp.customerAsn}`,
      `  Hold time / keep-alive ..... ${model.bgp.holdSeconds} s / ${model.bgp.keepaliveSeconds} s`,
      `  Advertise .................. ${model.customerNetworks.map((n) => n.cidr).join(", ") || "(your networks: none declared yet)"}`,
      "  The platform advertises the VPC CIDR to you; at most 100 prefixes are accepted from you.",
      ...(model.tunnels.length > 1
        ? [
            `  Tunnel preference .......... local-preference ${pref.localPreference} on routes in${pref.prepend > 0 ? `; prepend your AS ${pref.prepend} times on routes out` : ""}`,
          ]
        : []),
    );
  } else {
    const preference =
      model.tunnels.length > 1 ? (tunnel.number === 1 ? " (preferred)" : " (backup, higher distance)") : "";
    lines.push(
      "#4 Static routing",
      `  Route ${model.platformVpc.cidr} via ${tunnel.awsInsideIp} on this tunnel's interface${preference}`,
      `  Liveness ................... ping ${tunnel.awsInsideIp} through this tunnel every 5 s; withdraw this tunnel's route when it fails (IP SLA + track, or your device's equivalent)`,
      "  Return traffic ............. accept traffic from the VPC on either tunnel (loose or no uRPF)",
    );
  }
  return lines;
}

export const renderGeneric = defineRenderer("generic", "#", (model) => ({
  platform: "any IPsec router (generic parameters)",
  keepAlive: (t) =>
    `tunnel ${t.number}: ping ${t.awsInsideIp} through tunnel ${t.number}, route withdrawn on failure`,
  notes: [
    "Your router supports route-based (VTI) IPsec. A policy-based device must use ONE consolidated",
    `  selector pair per tunnel (your networks <-> ${model.platformVpc.cidr}): AWS allows one SA pair per tunnel.`,
    "Your outside interface admits UDP 500, UDP 4500 and ESP from every AWS outside IP below.",
    "A firewall also needs zones/policies between your LAN and the tunnels, and no NAT towards the VPC.",
    ...tunnelPreferenceNote(model),
  ],
  sections: model.tunnels.map((t) => tunnelSection(model, t)),
  verify: [
    { command: "(IKE SA)", what: "phase 1 up with each AWS outside IP" },
    { command: "(IPsec SA)", what: "phase 2 up, packets encrypted and decrypted per tunnel" },
    {
      command: model.bgp ? "(BGP summary)" : "(routing table)",
      what: `route to ${model.platformVpc.cidr}`,
    },
  ],
}));
