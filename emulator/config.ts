/**
 * Configuration of the emulator, which is its own program: it reads its own flags and environment
 * (EC2_EMULATOR_*), not the portal's env module. Runtime knobs (delays, quotas, throttle, faults)
 * can also be changed through POST /_emulator/config.
 */
export type FaultKind = "throttle" | "5xx" | "unavailable" | "error";

export type FaultRule = {
  /** An EC2 action name, or "*" for every action. */
  action: string;
  kind: FaultKind;
  /** Probability per call, 0..1 (1 = every call). */
  rate: number;
  /** For kind "error": the code to answer with (e.g. VpnGatewayLimitExceeded). */
  code?: string;
  message?: string;
  /** "after" applies the call, then answers with the fault (a lost response): tests idempotency. */
  phase?: "before" | "after";
  /** How many more times the rule may fire; absent = unlimited. */
  remaining?: number;
};

export type EmulatorConfig = {
  delays: {
    vpnAvailableMs: number;
    vpnDeletedMs: number;
    vpnModifyMs: number;
    natAvailableMs: number;
    natDeletedMs: number;
    vgwAttachMs: number;
    vgwDetachMs: number;
    /** How long deleted resources stay visible (state `deleted`) before they vanish, as on AWS. */
    deletedRetentionMs: number;
  };
  quotas: {
    vpnGateways: number;
    customerGateways: number;
    vpnConnections: number;
    vpcs: number;
    elasticIps: number;
    natGateways: number;
  };
  throttle: { enabled: boolean; ratePerSecond: number; burst: number };
  faults: FaultRule[];
  /** The code CreateVpnConnection answers when the customer ASN equals the Amazon-side ASN. */
  asnConflictErrorCode: string;
};

export const defaultConfig = (): EmulatorConfig => ({
  delays: {
    vpnAvailableMs: 4000,
    vpnDeletedMs: 2000,
    vpnModifyMs: 1000,
    natAvailableMs: 3000,
    natDeletedMs: 2000,
    vgwAttachMs: 1000,
    vgwDetachMs: 1000,
    deletedRetentionMs: 60 * 60 * 1000,
  },
  quotas: {
    vpnGateways: 5,
    customerGateways: 50,
    vpnConnections: 50,
    vpcs: 100,
    elasticIps: 100,
    natGateways: 100,
  },
  throttle: { enabled: true, ratePerSecond: 100, burst: 200 },
  faults: [],
  asnConflictErrorCode: "InvalidParameterValue",
});

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Merges a partial update into a config, refusing unknown keys and wrongly typed values by name. */
export function mergeConfig(base: EmulatorConfig, patch: unknown): EmulatorConfig {
  if (!isRecord(patch)) throw new Error("config must be a JSON object");
  const next: EmulatorConfig = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (key === "delays" || key === "quotas") {
      if (!isRecord(value)) throw new Error(`${key} must be an object`);
      const target = next[key] as Record<string, number>;
      for (const [name, n] of Object.entries(value)) {
        if (!(name in target)) throw new Error(`unknown ${key} key: ${name}`);
        if (typeof n !== "number" || !Number.isFinite(n) || n < 0)
          throw new Error(`${key}.${name} must be a number ≥ 0`);
        target[name] = n;
      }
    } else if (key === "throttle") {
      if (!isRecord(value)) throw new Error("throttle must be an object");
      for (const [name, v] of Object.entries(value)) {
        if (name === "enabled" && typeof v === "boolean") next.throttle.enabled = v;
        else if ((name === "ratePerSecond" || name === "burst") && typeof v === "number" && v >= 0)
          next.throttle[name] = v;
        else throw new Error(`bad throttle.${name}`);
      }
    } else if (key === "faults") {
      if (!Array.isArray(value)) throw new Error("faults must be an array");
      next.faults = value.map(parseFault);
    } else if (key === "asnConflictErrorCode") {
      if (typeof value !== "string" || value === "") throw new Error("asnConflictErrorCode must be a string");
      next.asnConflictErrorCode = value;
    } else {
      throw new Error(`unknown config key: ${key}`);
    }
  }
  return next;
}

const FAULT_KINDS: readonly FaultKind[] = ["throttle", "5xx", "unavailable", "error"];

function parseFault(raw: unknown, index: number): FaultRule {
  if (!isRecord(raw)) throw new Error(`faults[${index}] must be an object`);
  const { action, kind, rate, code, message, phase, remaining } = raw;
  if (typeof action !== "string" || action === "")
    throw new Error(`faults[${index}].action must be an action name or "*"`);
  if (typeof kind !== "string" || !FAULT_KINDS.includes(kind as FaultKind))
    throw new Error(`faults[${index}].kind must be one of ${FAULT_KINDS.join(", ")}`);
  const r = rate === undefined ? 1 : rate;
  if (typeof r !== "number" || r < 0 || r > 1)
    throw new Error(`faults[${index}].rate must be between 0 and 1`);
  if (kind === "error" && (typeof code !== "string" || code === ""))
    throw new Error(`faults[${index}].code is required for kind "error"`);
  if (phase !== undefined && phase !== "before" && phase !== "after")
    throw new Error(`faults[${index}].phase must be before|after`);
  if (remaining !== undefined && (typeof remaining !== "number" || remaining < 0))
    throw new Error(`faults[${index}].remaining must be ≥ 0`);
  return {
    action,
    kind: kind as FaultKind,
    rate: r,
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof message === "string" ? { message } : {}),
    ...(phase === "before" || phase === "after" ? { phase } : {}),
    ...(typeof remaining === "number" ? { remaining } : {}),
  };
}

export type StartOptions = {
  port: number;
  host: string;
  /** Where state is kept; null keeps it in memory only. */
  statePath: string | null;
  config: EmulatorConfig;
  /** Print request lines to stderr. */
  verbose: boolean;
};

function numberFrom(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got ${value}`);
  return n;
}

/**
 * Flags win over environment variables: --port/EC2_EMULATOR_PORT, --host/EC2_EMULATOR_HOST,
 * --state/EC2_EMULATOR_STATE (or --memory), --config/EC2_EMULATOR_CONFIG (JSON patch of EmulatorConfig),
 * --vpn-delay-ms/EC2_EMULATOR_VPN_DELAY_MS, --nat-delay-ms/EC2_EMULATOR_NAT_DELAY_MS,
 * --attach-delay-ms/EC2_EMULATOR_ATTACH_DELAY_MS, --throttle-rate/EC2_EMULATOR_THROTTLE_RATE,
 * --throttle-burst/EC2_EMULATOR_THROTTLE_BURST, --verbose/EC2_EMULATOR_VERBOSE=1.
 */
export function readStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) throw new Error(`unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
    if (name === "memory" || name === "verbose") {
      flags.set(name, "1");
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    flags.set(name, value);
  }
  const pick = (flag: string, envName: string): string | undefined => flags.get(flag) ?? env[envName];

  let config = defaultConfig();
  const configJson = pick("config", "EC2_EMULATOR_CONFIG");
  if (configJson) config = mergeConfig(config, JSON.parse(configJson));
  const vpn = numberFrom(pick("vpn-delay-ms", "EC2_EMULATOR_VPN_DELAY_MS"), "vpn delay");
  const nat = numberFrom(pick("nat-delay-ms", "EC2_EMULATOR_NAT_DELAY_MS"), "nat delay");
  const attach = numberFrom(pick("attach-delay-ms", "EC2_EMULATOR_ATTACH_DELAY_MS"), "attach delay");
  const rate = numberFrom(pick("throttle-rate", "EC2_EMULATOR_THROTTLE_RATE"), "throttle rate");
  const burst = numberFrom(pick("throttle-burst", "EC2_EMULATOR_THROTTLE_BURST"), "throttle burst");
  if (vpn !== undefined) config.delays = { ...config.delays, vpnAvailableMs: vpn, vpnDeletedMs: vpn / 2 };
  if (nat !== undefined) config.delays = { ...config.delays, natAvailableMs: nat, natDeletedMs: nat / 2 };
  if (attach !== undefined) config.delays = { ...config.delays, vgwAttachMs: attach, vgwDetachMs: attach };
  if (rate !== undefined) config.throttle.ratePerSecond = rate;
  if (burst !== undefined) config.throttle.burst = burst;

  const port = numberFrom(pick("port", "EC2_EMULATOR_PORT"), "port") ?? 4566;
  const memory = flags.has("memory") || env.EC2_EMULATOR_MEMORY === "1";
  return {
    port,
    host: pick("host", "EC2_EMULATOR_HOST") ?? "127.0.0.1",
    statePath: memory ? null : (pick("state", "EC2_EMULATOR_STATE") ?? ".data/emulator/state.json"),
    config,
    verbose: flags.has("verbose") || env.EC2_EMULATOR_VERBOSE === "1",
  };
}
