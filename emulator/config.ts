import { readFileSync } from "node:fs";

/**
 * Configuration of the emulator, which is its own program: it reads its own flags and environment
 * (EC2_EMULATOR_*), not the portal's env module. Runtime knobs (delays, quotas, throttle, faults)
 * can also be changed through POST /_emulator/config.
 */
/** "nat-failed": CreateNatGateway succeeds but the gateway ends `failed` with `code`/`message`, as AWS's do. */
export type FaultKind = "throttle" | "5xx" | "unavailable" | "error" | "nat-failed";

export type FaultRule = {
  /** An EC2 action name, "*" for every action, or a prefix pattern such as "Create*". */
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

/** One token bucket: how many calls it holds and how many it gets back per second. */
export type BucketSize = { capacity: number; refillPerSecond: number };

/** An IAM policy document (the JSON of docs/aws-iam-policy.json); evaluated by iam.ts. */
export type PolicyDocument = { Version?: string; Statement: unknown };

export type EmulatorConfig = {
  delays: {
    vpnAvailableMs: number;
    vpnDeletedMs: number;
    /** A static route of a VPN connection is `pending` this long before `available`. */
    vpnRouteMs: number;
    natAvailableMs: number;
    natDeletedMs: number;
    /** A deleted NAT gateway's network interface lingers this long: DeleteSubnet/DeleteVpc answer DependencyViolation. */
    natInterfaceLingerMs: number;
    /** A new virtual private gateway is `pending` this long before `available`. */
    vgwPendingMs: number;
    /** A deleted virtual private gateway is `deleting` this long before `deleted`. */
    vgwDeletingMs: number;
    vgwAttachMs: number;
    vgwDetachMs: number;
    /** How long deleted resources stay visible (state `deleted`) before they vanish, as on AWS. */
    deletedRetentionMs: number;
  };
  /** AWS's default quotas per account and region (Service Quotas raises them on AWS; config here). */
  quotas: {
    vpcs: number;
    internetGateways: number;
    elasticIps: number;
    natGatewaysPerAz: number;
    vpnGateways: number;
    customerGateways: number;
    vpnConnections: number;
    vpnConnectionsPerVpnGateway: number;
  };
  /**
   * Eventual consistency: each new resource stays invisible to calls by ID, to references from
   * other calls and to filters for a random minLagMs..maxLagMs after its create call returned.
   */
  consistency: { minLagMs: number; maxLagMs: number };
  /**
   * AWS throttles each API action with a token bucket per account and region, sized by the
   * action's category (throttle.ts). `scale` multiplies every bucket; `buckets` overrides one
   * action's bucket by name.
   */
  throttle: { enabled: boolean; scale: number; buckets: Record<string, BucketSize> };
  faults: FaultRule[];
  /** Each region starts like a new AWS account's: a default VPC with a subnet per AZ and an internet gateway. */
  defaultVpc: boolean;
  /** Emulated time runs this many times faster than the wall clock (1 = real time). */
  clockSpeed: number;
  /**
   * IAM evaluation: calls signed with an access key listed here are evaluated against its policy
   * (UnauthorizedOperation when not allowed); `role:<account id>` is the policy of the role that
   * AssumeRole hands out in that account. Other access keys act as an unrestricted administrator.
   */
  iam: { policies: Record<string, PolicyDocument> };
  /**
   * Accounts besides 123456789012 (whose are the long-term keys), reached with STS AssumeRole: a
   * role of any name (or `roleName`) trusts the caller when it passes `externalId` (decision 024).
   */
  accounts: Record<string, EmulatedAccount>;
};

export type EmulatedAccount = { externalId?: string; roleName?: string };

/** Delays that keep tests short: every state still happens, briefly. */
export const FAST_DELAYS: EmulatorConfig["delays"] = {
  vpnAvailableMs: 150,
  vpnDeletedMs: 100,
  vpnRouteMs: 50,
  natAvailableMs: 100,
  natDeletedMs: 100,
  natInterfaceLingerMs: 100,
  vgwPendingMs: 50,
  vgwDeletingMs: 50,
  vgwAttachMs: 50,
  vgwDetachMs: 50,
  deletedRetentionMs: 60 * 60 * 1000,
};

/**
 * What AWS takes, roughly, as observed: a VPN connection minutes in `pending`, a NAT gateway one to
 * two minutes, its interface a few minutes after it is deleted, a VGW attachment tens of seconds.
 */
export const REALISTIC_DELAYS: EmulatorConfig["delays"] = {
  vpnAvailableMs: 6 * 60_000,
  vpnDeletedMs: 2 * 60_000,
  vpnRouteMs: 10_000,
  natAvailableMs: 90_000,
  natDeletedMs: 60_000,
  natInterfaceLingerMs: 3 * 60_000,
  vgwPendingMs: 15_000,
  vgwDeletingMs: 30_000,
  vgwAttachMs: 40_000,
  vgwDetachMs: 30_000,
  deletedRetentionMs: 60 * 60 * 1000,
};

/** AWS's default quotas (Amazon VPC and Site-to-Site VPN quota pages). */
export const AWS_DEFAULT_QUOTAS: EmulatorConfig["quotas"] = {
  vpcs: 5,
  internetGateways: 5,
  elasticIps: 5,
  natGatewaysPerAz: 5,
  vpnGateways: 5,
  customerGateways: 50,
  vpnConnections: 50,
  vpnConnectionsPerVpnGateway: 10,
};

export const defaultConfig = (): EmulatorConfig => ({
  delays: {
    vpnAvailableMs: 4000,
    vpnDeletedMs: 2000,
    vpnRouteMs: 500,
    natAvailableMs: 3000,
    natDeletedMs: 2000,
    natInterfaceLingerMs: 3000,
    vgwPendingMs: 500,
    vgwDeletingMs: 1000,
    vgwAttachMs: 1000,
    vgwDetachMs: 1000,
    deletedRetentionMs: 60 * 60 * 1000,
  },
  quotas: { ...AWS_DEFAULT_QUOTAS },
  consistency: { minLagMs: 0, maxLagMs: 0 },
  throttle: { enabled: true, scale: 1, buckets: {} },
  faults: [],
  defaultVpc: true,
  clockSpeed: 1,
  iam: { policies: {} },
  accounts: {},
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
  // A profile replaces every delay, so it goes first and the patch's own delays refine it.
  const entries = Object.entries(patch).sort(([a], [b]) => Number(b === "profile") - Number(a === "profile"));
  for (const [key, value] of entries) {
    if (key === "delays" || key === "quotas") {
      if (!isRecord(value)) throw new Error(`${key} must be an object`);
      const target = next[key] as Record<string, number>;
      for (const [name, n] of Object.entries(value)) {
        if (!(name in target)) throw new Error(`unknown ${key} key: ${name}`);
        if (typeof n !== "number" || !Number.isFinite(n) || n < 0)
          throw new Error(`${key}.${name} must be a number ≥ 0`);
        target[name] = n;
      }
    } else if (key === "profile") {
      if (value !== "realistic" && value !== "fast") throw new Error('profile must be "realistic" or "fast"');
      next.delays = { ...(value === "realistic" ? REALISTIC_DELAYS : FAST_DELAYS) };
    } else if (key === "throttle") {
      if (!isRecord(value)) throw new Error("throttle must be an object");
      for (const [name, v] of Object.entries(value)) {
        if (name === "enabled" && typeof v === "boolean") next.throttle.enabled = v;
        else if (name === "scale" && typeof v === "number" && v > 0) next.throttle.scale = v;
        else if (name === "buckets" && isRecord(v)) next.throttle.buckets = parseBuckets(v);
        else throw new Error(`bad throttle.${name}`);
      }
    } else if (key === "consistency") {
      if (!isRecord(value)) throw new Error("consistency must be an object");
      for (const [name, v] of Object.entries(value)) {
        if (name !== "maxLagMs" && name !== "minLagMs") throw new Error(`unknown consistency key: ${name}`);
        if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
          throw new Error(`consistency.${name} must be a number ≥ 0`);
        next.consistency[name] = v;
      }
    } else if (key === "faults") {
      if (!Array.isArray(value)) throw new Error("faults must be an array");
      next.faults = value.map(parseFault);
    } else if (key === "defaultVpc") {
      if (typeof value !== "boolean") throw new Error("defaultVpc must be true or false");
      next.defaultVpc = value;
    } else if (key === "clockSpeed") {
      if (typeof value !== "number" || !Number.isFinite(value) || value <= 0)
        throw new Error("clockSpeed must be a number > 0");
      next.clockSpeed = value;
    } else if (key === "iam") {
      if (!isRecord(value) || !isRecord(value.policies) || Object.keys(value).length !== 1)
        throw new Error("iam must be { policies: { <access key id>: <policy document> } }");
      const policies: Record<string, PolicyDocument> = {};
      for (const [accessKeyId, doc] of Object.entries(value.policies)) {
        if (!isRecord(doc) || doc.Statement === undefined)
          throw new Error(`iam.policies.${accessKeyId} must be a policy document with a Statement`);
        policies[accessKeyId] = doc as PolicyDocument;
      }
      next.iam = { policies };
    } else if (key === "accounts") {
      if (!isRecord(value))
        throw new Error("accounts must be { <12-digit account id>: { externalId?, roleName? } }");
      const accounts: Record<string, EmulatedAccount> = {};
      for (const [id, account] of Object.entries(value)) {
        if (!/^\d{12}$/.test(id)) throw new Error(`accounts.${id}: an account ID has 12 digits`);
        if (!isRecord(account)) throw new Error(`accounts.${id} must be an object`);
        const { externalId, roleName, ...rest } = account;
        if (Object.keys(rest).length > 0)
          throw new Error(`accounts.${id}: unknown key ${Object.keys(rest)[0]}`);
        if (externalId !== undefined && typeof externalId !== "string")
          throw new Error(`accounts.${id}.externalId must be a string`);
        if (roleName !== undefined && typeof roleName !== "string")
          throw new Error(`accounts.${id}.roleName must be a string`);
        accounts[id] = {
          ...(typeof externalId === "string" ? { externalId } : {}),
          ...(typeof roleName === "string" ? { roleName } : {}),
        };
      }
      next.accounts = accounts;
    } else {
      throw new Error(`unknown config key: ${key}`);
    }
  }
  return next;
}

function parseBuckets(raw: Record<string, unknown>): Record<string, BucketSize> {
  const out: Record<string, BucketSize> = {};
  for (const [action, size] of Object.entries(raw)) {
    if (
      !isRecord(size) ||
      typeof size.capacity !== "number" ||
      size.capacity < 1 ||
      typeof size.refillPerSecond !== "number" ||
      size.refillPerSecond < 0
    )
      throw new Error(`throttle.buckets.${action} must be { capacity ≥ 1, refillPerSecond ≥ 0 }`);
    out[action] = { capacity: size.capacity, refillPerSecond: size.refillPerSecond };
  }
  return out;
}

const FAULT_KINDS: readonly FaultKind[] = ["throttle", "5xx", "unavailable", "error", "nat-failed"];

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
 * --attach-delay-ms/EC2_EMULATOR_ATTACH_DELAY_MS, --throttle-scale/EC2_EMULATOR_THROTTLE_SCALE,
 * --profile realistic|fast (EC2_EMULATOR_PROFILE), --consistency-lag-ms/EC2_EMULATOR_CONSISTENCY_LAG_MS,
 * --clock-speed/EC2_EMULATOR_CLOCK_SPEED, --iam-policy ACCESS_KEY=policy.json (EC2_EMULATOR_IAM_POLICY),
 * --verbose/EC2_EMULATOR_VERBOSE=1.
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
  const profile = pick("profile", "EC2_EMULATOR_PROFILE");
  if (profile) config = mergeConfig(config, { profile });
  const scale = numberFrom(pick("throttle-scale", "EC2_EMULATOR_THROTTLE_SCALE"), "throttle scale");
  const lag = numberFrom(pick("consistency-lag-ms", "EC2_EMULATOR_CONSISTENCY_LAG_MS"), "consistency lag");
  const speed = numberFrom(pick("clock-speed", "EC2_EMULATOR_CLOCK_SPEED"), "clock speed");
  const iamPolicy = pick("iam-policy", "EC2_EMULATOR_IAM_POLICY");
  if (vpn !== undefined) config.delays = { ...config.delays, vpnAvailableMs: vpn, vpnDeletedMs: vpn / 2 };
  if (nat !== undefined) config.delays = { ...config.delays, natAvailableMs: nat, natDeletedMs: nat / 2 };
  if (attach !== undefined) config.delays = { ...config.delays, vgwAttachMs: attach, vgwDetachMs: attach };
  if (scale !== undefined) config = mergeConfig(config, { throttle: { scale } });
  if (lag !== undefined) config = mergeConfig(config, { consistency: { maxLagMs: lag } });
  if (speed !== undefined) config = mergeConfig(config, { clockSpeed: speed });
  if (iamPolicy) {
    const at = iamPolicy.indexOf("=");
    if (at < 1) throw new Error("--iam-policy must be ACCESS_KEY_ID=path/to/policy.json");
    const document = JSON.parse(readFileSync(iamPolicy.slice(at + 1), "utf8")) as unknown;
    config = mergeConfig(config, { iam: { policies: { [iamPolicy.slice(0, at)]: document } } });
  }

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
