import type { EmulatorConfig, FaultRule } from "./config";
import { Ec2Error } from "./protocol/errors";

/**
 * AWS throttles per account and region with a token bucket; so does this emulator. A call that
 * finds the bucket empty fails with RequestLimitExceeded (HTTP 503), which the SDK retries.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  take(key: string, config: EmulatorConfig["throttle"], now: number): boolean {
    if (!config.enabled) return true;
    const bucket = this.buckets.get(key) ?? { tokens: config.burst, at: now };
    const refill = ((now - bucket.at) / 1000) * config.ratePerSecond;
    bucket.tokens = Math.min(config.burst, bucket.tokens + refill);
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
    case "error":
      return new Ec2Error(
        rule.code ?? "InternalError",
        rule.message ?? `Injected ${rule.code ?? "error"}.`,
        400,
      );
  }
}

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
    if (rule.action !== "*" && rule.action !== action) continue;
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
