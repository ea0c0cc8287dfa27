import { randomInt } from "node:crypto";
import { type Cidr, formatCidr, parseCidr } from "./cidr";
import type { Tunnel } from "./model";
import { invalidValue } from "./protocol/errors";
import type { Params } from "./protocol/query";
import { applyLogOptions } from "./tunnel-log-options";

/**
 * AWS's rules for Site-to-Site VPN tunnel options (VpnTunnelOptionsSpecification): allowed values,
 * defaults when a tunnel is created without them, and the inside-CIDR and PSK rules.
 */
const PHASE1_ENCRYPTION = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"];
const PHASE2_ENCRYPTION = PHASE1_ENCRYPTION;
const INTEGRITY = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"];
const PHASE1_DH = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
const PHASE2_DH = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
const IKE_VERSIONS = ["ikev1", "ikev2"];

const RESERVED_INSIDE = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];
const LINK_LOCAL = parseCidr("169.254.0.0/16") as Cidr;

/** Letters, digits, `.` and `_`; 8–64 characters; must not start with 0. */
export function checkPreSharedKey(psk: string): void {
  if (!/^[A-Za-z0-9._]{8,64}$/.test(psk) || psk.startsWith("0"))
    throw invalidValue(
      "Invalid value for PreSharedKey. Allowed characters are alphanumeric characters, period (.) and underscores (_). Must be between 8 and 64 characters in length and cannot start with zero (0).",
    );
}

export function checkInsideCidr(text: string): void {
  const cidr = parseCidr(text);
  const inside =
    cidr && cidr.prefix === 30 && cidr.base >= LINK_LOCAL.base && cidr.base + 4 <= LINK_LOCAL.base + 2 ** 16;
  if (!inside)
    throw invalidValue(
      `The tunnel inside CIDR '${text}' is invalid. It must be a /30 CIDR block from the 169.254.0.0/16 range.`,
    );
  if (RESERVED_INSIDE.includes(formatCidr(cidr)))
    throw invalidValue(
      `The tunnel inside CIDR '${text}' is reserved and cannot be used. Reserved CIDR blocks: ${RESERVED_INSIDE.join(", ")}.`,
    );
}

export function randomInsideCidr(avoid: ReadonlySet<string>): string {
  for (;;) {
    const candidate = formatCidr({ base: LINK_LOCAL.base + randomInt(2 ** 14) * 4, prefix: 30 });
    if (!RESERVED_INSIDE.includes(candidate) && !avoid.has(candidate)) return candidate;
  }
}

const PSK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";

/** AWS generates 32 characters from the allowed alphabet, never starting with 0. */
export function randomPreSharedKey(): string {
  let psk = "";
  while (psk.length < 32) {
    const c = PSK_ALPHABET[randomInt(PSK_ALPHABET.length)] ?? "A";
    if (psk.length === 0 && (c === "0" || c === "." || c === "_")) continue;
    psk += c;
  }
  return psk;
}

function checkList<T>(name: string, values: T[], allowed: readonly T[]): T[] {
  for (const v of values)
    if (!allowed.includes(v))
      throw invalidValue(
        `Value (${String(v)}) for parameter ${name} is invalid. Valid values: ${allowed.join(", ")}`,
      );
  return values;
}

function checkRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max)
    throw invalidValue(
      `Value (${value}) for parameter ${name} is invalid. It must be between ${min} and ${max}.`,
    );
  return value;
}

/** The tunnel options a request may set (everything in Tunnel except what AWS assigns). */
export type TunnelSettings = Omit<Tunnel, "outsideIpAddress" | "telemetry">;

/**
 * Applies `spec` (a TunnelOptions structure, or ModifyVpnTunnelOptions' TunnelOptions) onto `base`.
 * With no base, AWS's defaults fill every option not given.
 */
export function applyTunnelSpec(spec: Params, base: TunnelSettings | undefined): TunnelSettings {
  const numbers = (name: string, allowed: readonly number[]): number[] | undefined => {
    const list = spec.valueList(name);
    if (list.length === 0) return undefined;
    return checkList(name, list.map(Number), allowed);
  };
  const strings = (name: string, allowed: readonly string[]): string[] | undefined => {
    const list = spec.valueList(name);
    return list.length === 0 ? undefined : checkList(name, list, allowed);
  };
  const ranged = (name: string, min: number, max: number): number | undefined => {
    const value = spec.int(name);
    return value === undefined ? undefined : checkRange(name, value, min, max);
  };
  const insideCidr = spec.str("TunnelInsideCidr");
  if (insideCidr !== undefined) checkInsideCidr(insideCidr);
  const psk = spec.str("PreSharedKey");
  if (psk !== undefined) checkPreSharedKey(psk);
  const dpdAction = spec.str("DPDTimeoutAction");
  if (dpdAction !== undefined) checkList("DPDTimeoutAction", [dpdAction], ["clear", "none", "restart"]);
  const startup = spec.str("StartupAction");
  if (startup !== undefined) checkList("StartupAction", [startup], ["add", "start"]);

  const next: TunnelSettings = {
    tunnelInsideCidr: insideCidr ?? base?.tunnelInsideCidr ?? "",
    preSharedKey: psk ?? base?.preSharedKey ?? randomPreSharedKey(),
    phase1LifetimeSeconds:
      ranged("Phase1LifetimeSeconds", 900, 28800) ?? base?.phase1LifetimeSeconds ?? 28800,
    phase2LifetimeSeconds: ranged("Phase2LifetimeSeconds", 900, 3600) ?? base?.phase2LifetimeSeconds ?? 3600,
    rekeyMarginTimeSeconds: spec.int("RekeyMarginTimeSeconds") ?? base?.rekeyMarginTimeSeconds ?? 270,
    rekeyFuzzPercentage: ranged("RekeyFuzzPercentage", 0, 100) ?? base?.rekeyFuzzPercentage ?? 100,
    replayWindowSize: ranged("ReplayWindowSize", 64, 2048) ?? base?.replayWindowSize ?? 1024,
    dpdTimeoutSeconds: ranged("DPDTimeoutSeconds", 30, 3600) ?? base?.dpdTimeoutSeconds ?? 30,
    dpdTimeoutAction: dpdAction ?? base?.dpdTimeoutAction ?? "clear",
    phase1EncryptionAlgorithms:
      strings("Phase1EncryptionAlgorithm", PHASE1_ENCRYPTION) ??
      base?.phase1EncryptionAlgorithms ??
      PHASE1_ENCRYPTION,
    phase2EncryptionAlgorithms:
      strings("Phase2EncryptionAlgorithm", PHASE2_ENCRYPTION) ??
      base?.phase2EncryptionAlgorithms ??
      PHASE2_ENCRYPTION,
    phase1IntegrityAlgorithms:
      strings("Phase1IntegrityAlgorithm", INTEGRITY) ?? base?.phase1IntegrityAlgorithms ?? INTEGRITY,
    phase2IntegrityAlgorithms:
      strings("Phase2IntegrityAlgorithm", INTEGRITY) ?? base?.phase2IntegrityAlgorithms ?? INTEGRITY,
    phase1DHGroupNumbers:
      numbers("Phase1DHGroupNumber", PHASE1_DH) ?? base?.phase1DHGroupNumbers ?? PHASE1_DH,
    phase2DHGroupNumbers:
      numbers("Phase2DHGroupNumber", PHASE2_DH) ?? base?.phase2DHGroupNumbers ?? PHASE2_DH,
    ikeVersions: strings("IKEVersion", IKE_VERSIONS) ?? base?.ikeVersions ?? IKE_VERSIONS,
    startupAction: startup ?? base?.startupAction ?? "add",
    enableTunnelLifecycleControl:
      spec.bool("EnableTunnelLifecycleControl") ?? base?.enableTunnelLifecycleControl ?? false,
    logOptions: applyLogOptions(spec, base?.logOptions),
  };
  if (next.phase2LifetimeSeconds >= next.phase1LifetimeSeconds)
    throw invalidValue("Phase2LifetimeSeconds must be less than Phase1LifetimeSeconds.");
  if (next.rekeyMarginTimeSeconds < 60 || next.rekeyMarginTimeSeconds > next.phase2LifetimeSeconds / 2)
    throw invalidValue(
      `Value (${next.rekeyMarginTimeSeconds}) for parameter RekeyMarginTimeSeconds is invalid. It must be between 60 and half of Phase2LifetimeSeconds.`,
    );
  if (next.startupAction === "start" && !next.ikeVersions.includes("ikev2"))
    throw invalidValue("StartupAction 'start' is supported only with IKEv2.");
  return next;
}
