import { createHash, randomInt } from "node:crypto";
import type { EmulatorConfig } from "./config";
import type { RegionState } from "./model";
import type { Params } from "./protocol/query";

/**
 * Eventual consistency as EC2 has it ("Eventual consistency in the Amazon EC2 API"): a resource a
 * create call has just made can be missing for a moment from a Describe by ID (NotFound), from
 * other calls that name it (NotFound), and from filtered lookups (by tag). The create's own
 * response, quotas and idempotency (client tokens) see it at once, as on AWS.
 */
export function visibleAtFor(config: EmulatorConfig, now: number): number | undefined {
  const max = Math.floor(config.consistency.maxLagMs);
  const min = Math.min(max, Math.floor(config.consistency.minLagMs));
  if (max <= 0) return undefined;
  return now + min + randomInt(max - min + 1);
}

const isVisible = (item: unknown, now: number): boolean => {
  const at = (item as { visibleAt?: number } | undefined)?.visibleAt;
  return at === undefined || now >= at;
};

/** A record that hides entries not yet visible; writes and deletes go to the record itself. */
function hiding<T extends object>(record: Record<string, T>, now: number): Record<string, T> {
  const hidden = (target: Record<string, T>, key: string | symbol): boolean =>
    typeof key === "string" && Object.hasOwn(target, key) && !isVisible(target[key], now);
  return new Proxy(record, {
    get: (target, key, receiver) => (hidden(target, key) ? undefined : Reflect.get(target, key, receiver)),
    has: (target, key) => !hidden(target, key) && Reflect.has(target, key),
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => !hidden(target, key)),
    getOwnPropertyDescriptor: (target, key) =>
      hidden(target, key) ? undefined : Reflect.getOwnPropertyDescriptor(target, key),
  });
}

/** What calls see of a region at `now`: every collection without the resources still lagging. */
export function consistentView(region: RegionState, now: number): RegionState {
  const view = {} as Record<string, unknown>;
  for (const [name, record] of Object.entries(region))
    view[name] = hiding(record as Record<string, object>, now);
  return view as RegionState;
}

/**
 * The parameters of a call, minus the envelope (Action, Version) and the token itself: AWS
 * compares every one of them when a client token (or an idempotent create) is repeated.
 */
export function requestFingerprint(params: Params, ignore: readonly string[] = []): string {
  const skip = new Set(["Action", "Version", "DryRun", ...ignore]);
  const entries = params
    .entries()
    .filter(([key]) => !skip.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(entries)).digest("hex");
}
