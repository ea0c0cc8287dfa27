// Shared, pure helpers for every router-configuration renderer: input checks, inside-address maths,
// algorithm mapping and the header comment block. Renderers only format; decisions live here once.
import { cidrSize, formatIpv4, parseCidr, parseIpv4, prefixMask } from "@/lib/net/ipv4";
import type { DeviceParams } from "./device-params";
import { findRouterConfigFormat, type RouterConfigFormatId } from "./formats";
import type { RouterConfigInput, TunnelParams } from "./types";

/** One tunnel with every address a renderer needs, already computed. */
export type TunnelView = {
  number: 1 | 2;
  outsideIp: string;
  psk: string;
  insideCidr: string;
  awsInsideIp: string; // .1 of the /30: BGP neighbour, static next hop
  customerInsideIp: string; // .2 of the /30: the customer router's tunnel address
  insidePrefix: number; // 30
  insideNetmask: string; // 255.255.255.252
};

export type NetworkView = { cidr: string; address: string; prefix: number; netmask: string };

/** Algorithms the renderers can express. Only strong ones: anything else is refused, never downgraded. */
export type Encryption = "aes256" | "aes128";
export type Integrity = "sha256" | "sha384" | "sha512";
export type DhGroup = 14 | 15 | 16 | 19 | 20 | 21;

export type PhaseView = {
  encryption: Encryption;
  integrity: Integrity;
  dhGroup: DhGroup;
  lifetimeSeconds: number;
};

/** Everything a renderer reads, validated and derived from `RouterConfigInput`. */
export type ConfigModel = {
  input: RouterConfigInput;
  tunnels: TunnelView[];
  phase1: PhaseView;
  phase2: PhaseView;
  dpd: { intervalSeconds: number; retries: number; timeoutSeconds: number };
  mtu: number;
  mss: number;
  platformVpc: NetworkView;
  customerNetworks: NetworkView[];
  /** Short, syntax-safe identifier for object names (letters, digits, '-'). */
  slug: string;
  /** An address inside the platform VPC to aim a keep-alive ping at (VPC base + 4: AWS reserves .0–.3). */
  keepAliveTarget: string;
  /**
   * Always true (DESIGN §5): AWS never initiates IKEv1 and initiates IKEv2 only with startup action
   * `start` (provisioning sends `add`), so the customer's router initiates both tunnels in every file.
   */
  customerInitiates: true;
  /** IKEv2 + static: the customer's side keeps each tunnel alive with a keep-alive of its own (§5). */
  needsKeepAlive: boolean;
  /** Device-specific names and numbers (download-page parameters, non-colliding defaults). */
  device: DeviceParams;
  bgp: { customerAsn: number; platformAsn: number; holdSeconds: number; keepaliveSeconds: number } | null;
};

export class RouterConfigInputError extends Error {
  constructor(field: string, problem: string) {
    super(`router configuration input: ${field} ${problem}`);
    this.name = "RouterConfigInputError";
  }
}

// DESIGN §5: 8–64 of letters, digits, '.' and '_', not starting with '0'. Checked again here because a
// PSK is written inside quoted strings in every format.
const PSK = /^[A-Za-z1-9._][A-Za-z0-9._]{7,63}$/;
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const ENCRYPTION: Record<string, Encryption> = { AES256: "aes256", AES128: "aes128" };
const INTEGRITY: Record<string, Integrity> = {
  "SHA2-256": "sha256",
  "SHA2-384": "sha384",
  "SHA2-512": "sha512",
};
const DH_GROUPS: readonly number[] = [14, 15, 16, 19, 20, 21];

export const BGP_HOLD_SECONDS = 30;
export const BGP_KEEPALIVE_SECONDS = 10;

function pickFirst<T>(values: readonly string[], table: Record<string, T>, field: string): T {
  for (const value of values) {
    const mapped = table[value];
    if (mapped) return mapped;
  }
  throw new RouterConfigInputError(
    field,
    `has no supported strong algorithm (got ${values.join(", ") || "none"})`,
  );
}

function pickGroup(values: readonly number[], field: string): DhGroup {
  const group = values.find((g) => DH_GROUPS.includes(g));
  if (group === undefined) {
    throw new RouterConfigInputError(
      field,
      `has no supported DH group ≥ 14 (got ${values.join(", ") || "none"})`,
    );
  }
  return group as DhGroup;
}

function network(text: string, field: string): NetworkView {
  const parsed = parseCidr(text);
  if (!parsed?.canonical) throw new RouterConfigInputError(field, `is not a canonical IPv4 CIDR`);
  return {
    cidr: text.trim(),
    address: formatIpv4(parsed.network),
    prefix: parsed.prefix,
    netmask: formatIpv4(prefixMask(parsed.prefix)),
  };
}

function ipv4(text: string, field: string): string {
  const value = parseIpv4(text);
  if (value === null) throw new RouterConfigInputError(field, "is not an IPv4 address");
  return formatIpv4(value);
}

/** AWS side is .1 and customer side .2 of each inside /30 (DESIGN §5). */
export function describeTunnel(tunnel: TunnelParams): TunnelView {
  const field = `tunnel ${tunnel.number} insideCidr`;
  const parsed = parseCidr(tunnel.insideCidr);
  if (!parsed?.canonical || parsed.prefix !== 30) {
    throw new RouterConfigInputError(field, "must be a canonical /30");
  }
  if (!PSK.test(tunnel.psk))
    throw new RouterConfigInputError(`tunnel ${tunnel.number} psk`, "has an invalid form");
  return {
    number: tunnel.number,
    outsideIp: ipv4(tunnel.outsideIp, `tunnel ${tunnel.number} outsideIp`),
    psk: tunnel.psk,
    insideCidr: `${formatIpv4(parsed.network)}/30`,
    awsInsideIp: formatIpv4(parsed.network + 1),
    customerInsideIp: formatIpv4(parsed.network + 2),
    insidePrefix: 30,
    insideNetmask: formatIpv4(prefixMask(30)),
  };
}

function asn(value: number | null, field: string): number {
  if (value === null || !Number.isInteger(value) || value < 1 || value > 4294967294) {
    throw new RouterConfigInputError(field, "must be an ASN between 1 and 4294967294");
  }
  return value;
}

/** Validates the input and derives everything the renderers share. Throws RouterConfigInputError. */
export function buildConfigModel(input: RouterConfigInput, device?: DeviceParams): ConfigModel {
  if (input.tunnels.length < 1 || input.tunnels.length > 2) {
    throw new RouterConfigInputError("tunnels", "must hold one or two tunnels");
  }
  for (const [field, value] of [
    ["vpnConnectionId", input.vpnConnectionId],
    ["requestId", input.requestId],
    ["region", input.region],
  ] as const) {
    if (!SAFE_ID.test(value)) throw new RouterConfigInputError(field, "has unexpected characters");
  }
  if (Number.isNaN(input.generatedAt.getTime()))
    throw new RouterConfigInputError("generatedAt", "is not a date");
  ipv4(input.customerGatewayIp, "customerGatewayIp");
  const tunnels = [...input.tunnels].sort((a, b) => a.number - b.number).map(describeTunnel);
  const { policy } = input;
  const platformVpc = network(input.platformVpcCidr, "platformVpcCidr");
  const vpcBase = parseIpv4(platformVpc.address) ?? 0;
  const bgp =
    input.routing === "BGP"
      ? {
          customerAsn: asn(input.customerAsn, "customerAsn"),
          platformAsn: asn(input.platformAsn, "platformAsn"),
          holdSeconds: BGP_HOLD_SECONDS,
          keepaliveSeconds: BGP_KEEPALIVE_SECONDS,
        }
      : null;
  const dpdTimeout = policy.dpdTimeoutSeconds;
  if (!Number.isInteger(dpdTimeout) || dpdTimeout < 30)
    throw new RouterConfigInputError("policy.dpd", "must be ≥ 30 s");
  return {
    input,
    tunnels,
    phase1: {
      encryption: pickFirst(policy.phase1.encryption, ENCRYPTION, "policy.phase1.encryption"),
      integrity: pickFirst(policy.phase1.integrity, INTEGRITY, "policy.phase1.integrity"),
      dhGroup: pickGroup(policy.phase1.dhGroups, "policy.phase1.dhGroups"),
      lifetimeSeconds: policy.phase1.lifetimeSeconds,
    },
    phase2: {
      encryption: pickFirst(policy.phase2.encryption, ENCRYPTION, "policy.phase2.encryption"),
      integrity: pickFirst(policy.phase2.integrity, INTEGRITY, "policy.phase2.integrity"),
      dhGroup: pickGroup(policy.phase2.dhGroups, "policy.phase2.dhGroups"),
      lifetimeSeconds: policy.phase2.lifetimeSeconds,
    },
    // AWS's DPD timeout of 30 s is matched by probing every 10 s and giving up after 3 misses.
    dpd: { intervalSeconds: 10, retries: Math.round(dpdTimeout / 10), timeoutSeconds: dpdTimeout },
    mtu: policy.mtu,
    mss: policy.mss,
    platformVpc,
    customerNetworks: input.customerCidrs.map((c, i) => network(c, `customerCidrs[${i}]`)),
    slug: slugOf(input.vpnConnectionId),
    keepAliveTarget: formatIpv4(vpcBase + Math.min(4, cidrSize(platformVpc.prefix) - 1)),
    customerInitiates: true,
    needsKeepAlive: input.ikeVersion === "IKEV2" && input.routing === "STATIC",
    device: device ?? { outside: "", inside: "", tunnel1: 1, tunnel2: 2, updown: "" },
    bgp,
  };
}

/** The device's interface number of a tunnel (download-page parameter; defaults 2N-1 and 2N). */
export function ifNumber(model: ConfigModel, t: { number: 1 | 2 }): number {
  return t.number === 1 ? model.device.tunnel1 : model.device.tunnel2;
}

/** A per-connection number for shared objects (IKE policy priority …): derived from tunnel 1's number. */
export function connectionNumber(model: ConfigModel, base: number): number {
  return base + model.device.tunnel1;
}

function slugOf(vpnConnectionId: string): string {
  const slug = vpnConnectionId.replace(/[^A-Za-z0-9-]/g, "-").slice(0, 32);
  return slug || "vpn";
}

/** Last 8 characters of the connection ID: for vendors with short object-name limits (FortiOS: 15). */
export function shortId(model: ConfigModel): string {
  return model.input.vpnConnectionId
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(-8)
    .toLowerCase();
}

/**
 * Makes customer-supplied text safe inside a one-line comment: folds accents to ASCII, drops control
 * and non-ASCII characters (newlines included, so it can never start a config line), squeezes
 * whitespace and caps the length.
 */
export function sanitizeCommentText(text: string, maxLength = 80): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (ascii.length <= maxLength) return ascii || "(unnamed)";
  return `${ascii.slice(0, maxLength - 3).trimEnd()}...`;
}

export type HeaderOptions = {
  /** The format: its release ("written for") and vendor document come from formats.ts, one truth. */
  formatId: RouterConfigFormatId;
  /** Product and platform, e.g. "Cisco IOS / IOS XE (15.4+ / 16.x+)". */
  platform: string;
  /** The concrete keep-alive command(s) for this platform; used only for IKEv2 + static routing. */
  keepAliveCommands: string[];
  /** Assumptions the customer must check (interface names, zones …), one line each. */
  notes: string[];
};

const HUMAN_ROUTING = { STATIC: "static", BGP: "dynamic (BGP)" } as const;
const HUMAN_IKE = { IKEV1: "IKEv1 (main mode)", IKEV2: "IKEv2" } as const;

/** The header every format starts with, as plain lines (the renderer adds its comment syntax). */
export function headerLines(model: ConfigModel, options: HeaderOptions): string[] {
  const { input } = model;
  const format = findRouterConfigFormat(options.formatId);
  const lines = [
    `Site-to-site IPsec VPN configuration for ${options.platform}`,
    ...(format ? followsLines(format.docReference, format.writtenFor) : []),
    "",
    `Connection:   ${input.vpnConnectionId}`,
    `Customer:     ${sanitizeCommentText(input.customerName)}`,
    `Request:      ${input.requestId}`,
    `Region:       ${input.region}`,
    `Generated:    ${input.generatedAt.toISOString()}`,
    `IKE:          ${HUMAN_IKE[input.ikeVersion]}`,
    `Routing:      ${HUMAN_ROUTING[input.routing]}`,
    `Tunnels:      ${model.tunnels.length}`,
    `Your gateway: ${input.customerGatewayIp}`,
    `Platform VPC: ${model.platformVpc.cidr}`,
    "",
    "This file contains the pre-shared keys of your tunnels: store and send it as a secret.",
  ];
  if (model.tunnels.length === 1) {
    lines.push(
      "",
      "WARNING: this connection has a single tunnel. If that tunnel fails, connectivity to the",
      "platform is lost (an outage: workflow execution stops) until it is back. Ask for a second",
      "tunnel for failover.",
    );
  }
  lines.push(
    "",
    "WHO STARTS THE TUNNELS: your router initiates both tunnels. The platform side behaves as AWS",
    "does: it never initiates an IKEv1 tunnel, and initiates an IKEv2 tunnel only when its startup",
    "action is 'start' (this connection uses 'add'). This configuration starts every tunnel as soon",
    "as it is loaded and keeps trying until the tunnel is up.",
  );
  if (input.ikeVersion === "IKEV1") {
    lines.push(
      "IKEv1 (main mode): the platform side restarts a tunnel after dead-peer detection (DPD action",
      "restart); this configuration also restarts it from your side.",
    );
  } else {
    lines.push(
      "IKEv2: your side keeps the tunnels alive and restarts them after a dead-peer detection or a",
      "close; this configuration does both.",
    );
  }
  if (model.needsKeepAlive) {
    lines.push(
      "",
      "KEEP-ALIVE (IKEv2 with static routing): each tunnel has a keep-alive of its own in this file (a",
      "ping to that tunnel's AWS inside address), wired so that a dead tunnel drops its routes:",
      ...options.keepAliveCommands.map((command) => `  ${command}`),
      `Traffic to the platform VPC (${model.platformVpc.cidr}, e.g. ${model.keepAliveTarget}) keeps the tunnels busy too.`,
      "BGP routing would do this by itself (BGP keep-alives) and is the recommended mode.",
    );
  }
  if (options.notes.length > 0)
    lines.push("", "Before applying, check:", ...options.notes.map((n) => `- ${n}`));
  return lines;
}

/** Prefixes each line with a comment marker; blank lines keep the bare marker. */
export function commentBlock(lines: string[], marker: string): string {
  return lines.map((line) => (line === "" ? marker : `${marker} ${line}`)).join("\n");
}

export function tunnelPreferenceNote(model: ConfigModel): string[] {
  if (model.tunnels.length < 2) return [];
  if (model.input.routing === "BGP") {
    return [
      "BGP: tunnel 1 is preferred both ways (local-preference 200 in on tunnel 1, 100 on tunnel 2; your",
      "  networks are advertised on tunnel 2 with your AS prepended twice), tunnel 2 takes over when it drops.",
    ];
  }
  return [
    "Static routes: each tunnel's route to the platform VPC is tied to that tunnel's liveness check;",
    "  tunnel 1 is preferred and tunnel 2 takes over when tunnel 1 is down. Traffic AWS returns on either",
    "  tunnel is accepted.",
  ];
}

/** Local preference (in) and AS-path prepend count (out) per tunnel: tunnel 1 preferred (§7). */
export function bgpPreference(t: { number: 1 | 2 }): { localPreference: number; prepend: number } {
  return t.number === 1 ? { localPreference: 200, prepend: 0 } : { localPreference: 100, prepend: 2 };
}

/** The "how to verify" section every file ends with (DESIGN §7), as plain lines. */
export function verifyLines(commands: { what: string; command: string }[]): string[] {
  return ["VERIFY on the device:", ...commands.map((c) => `  ${c.command.padEnd(48)} ${c.what}`)];
}

/** The vendor document and release a renderer follows (shown in the file, recorded in formats.ts). */
export function followsLines(doc: string, writtenFor: string): string[] {
  return [`Written for: ${writtenFor}`, `Follows:     ${doc}`];
}

/** Joins sections with one blank line between them and a final newline. */
export function joinSections(sections: Array<string | string[]>): string {
  return `${sections
    .map((s) => (Array.isArray(s) ? s.join("\n") : s))
    .filter((s) => s.length > 0)
    .join("\n\n")}\n`;
}
