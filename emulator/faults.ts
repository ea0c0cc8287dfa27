import type { BucketSize, EmulatorConfig, FaultRule } from "./config";
import { Ec2Error } from "./protocol/errors";

/**
 * AWS's request token buckets ("Request throttling for the Amazon EC2 API"): one bucket per API
 * action, per account and Region, sized by the action's category. Non-mutating actions
 * (Describe*, Get*, List*, Search*) hold 100 and refill 20 per second; mutating actions 50 and 5;
 * a few actions have their own sizes. Unfiltered-and-unpaginated describes have a smaller
 * bucket only for actions this emulator does not serve (DescribeInstances, …).
 */
const UNCATEGORIZED: Record<string, BucketSize> = {
  CreateNatGateway: { capacity: 10, refillPerSecond: 1 },
  DeleteNatGateway: { capacity: 10, refillPerSecond: 1 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
};
const NON_MUTATING: BucketSize = { capacity: 100, refillPerSecond: 20 };
const MUTATING: BucketSize = { capacity: 50, refillPerSecond: 5 };

export function bucketFor(action: string, config: EmulatorConfig["throttle"]): BucketSize {
  const base =
    config.buckets[action] ??
    UNCATEGORIZED[action] ??
    (/^(Describe|Get|List|Search)/.test(action) ? NON_MUTATING : MUTATING);
  if (config.buckets[action]) return base;
  return { capacity: base.capacity * config.scale, refillPerSecond: base.refillPerSecond * config.scale };
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `account` and `region` pick the bucket set; `action` the bucket in it. */
  take(
    account: string,
    region: string,
    action: string,
    config: EmulatorConfig["throttle"],
    now: number,
  ): boolean {
    if (!config.enabled) return true;
    const size = bucketFor(action, config);
    const key = `${account}/${region}/${action}`;
    const bucket = this.buckets.get(key) ?? { tokens: size.capacity, at: now };
    const refill = (Math.max(0, now - bucket.at) / 1000) * size.refillPerSecond;
    bucket.tokens = Math.min(size.capacity, bucket.tokens + refill);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}

export const throttled = (): Ec2Error => new Ec2Error("RequestLimitExceeded", "Request limit exceeded.", 503);

function faultError(rule: FaultRule): Ec2Error {
  switch (rule.kind) {
    case "throttle":
      return throttled();
    case "5xx":
      return new Ec2Error("InternalError", rule.message ?? "An internal error has occurred (injected).", 500);
    case "unavailable":
      return new Ec2Error(
        "Unavailable",
        rule.message ?? "The server is overloaded and can't handle the request (injected).",
        503,
      );
    case "nat-failed":
    case "error":
      return new Ec2Error(
        rule.code ?? "InternalError",
        rule.message ?? `Injected ${rule.code ?? "error"}.`,
        400,
      );
  }
}

/** "*" is every action, "Create*" every action starting with Create, anything else one action. */
const actionMatches = (pattern: string, action: string): boolean =>
  pattern.endsWith("*") ? action.startsWith(pattern.slice(0, -1)) : pattern === action;

/**
 * Picks the first fault rule (in config order) that matches the action and phase and fires by its
 * rate; a rule with `remaining` counts down and stops at 0.
 */
export function pickFault(
  config: EmulatorConfig,
  action: string,
  phase: "before" | "after",
  random = Math.random,
): Ec2Error | undefined {
  for (const rule of config.faults) {
    if (rule.kind === "nat-failed") continue;
    if (!actionMatches(rule.action, action)) continue;
    if ((rule.phase ?? "before") !== phase) continue;
    if (rule.remaining !== undefined && rule.remaining <= 0) continue;
    if (random() >= rule.rate) continue;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    return faultError(rule);
  }
  return undefined;
}

export type ActionStats = { calls: number; errors: number; throttled: number; faults: number };

/** Call counts per action, so tests can prove that a poller batches instead of calling per tunnel. */
export class Stats {
  private actions: Record<string, ActionStats> = {};
  private since = Date.now();

  record(action: string, outcome: "ok" | "error" | "throttled" | "fault"): void {
    const entry = this.actions[action] ?? { calls: 0, errors: 0, throttled: 0, faults: 0 };
    this.actions[action] = entry;
    entry.calls += 1;
    if (outcome === "error") entry.errors += 1;
    if (outcome === "throttled") entry.throttled += 1;
    if (outcome === "fault") entry.faults += 1;
  }

  snapshot(): { since: string; totalCalls: number; actions: Record<string, ActionStats> } {
    const totalCalls = Object.values(this.actions).reduce((sum, a) => sum + a.calls, 0);
    return { since: new Date(this.since).toISOString(), totalCalls, actions: structuredClone(this.actions) };
  }

  reset(): void {
    this.actions = {};
    this.since = Date.now();
  }
}

/** A "nat-failed" rule that fires for this CreateNatGateway: the failure the new gateway ends with. */
export function takeNatFailure(
  config: EmulatorConfig,
  random = Math.random,
): { code: string; message: string } | undefined {
  for (const rule of config.faults) {
    if (rule.kind !== "nat-failed") continue;
    if (rule.remaining !== undefined && rule.remaining <= 0) continue;
    if (random() >= rule.rate) continue;
    if (rule.remaining !== undefined) rule.remaining -= 1;
    return {
      code: rule.code ?? "InternalError",
      message: rule.message ?? "The NAT gateway could not be created (injected).",
    };
  }
  return undefined;
}
