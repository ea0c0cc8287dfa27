// One client-side token bucket per (account, region, EC2 action), shared by everything in this
// process that calls EC2 (the workflows, day-2 changes and the tunnel poller), sized like AWS's own
// ("Request throttling for the Amazon EC2 API": each action has its own bucket per account and
// Region, sized by its category). A call waits for a token before it is sent, so a burst of 200
// approvals queues here instead of meeting RequestLimitExceeded; a throttled answer (another
// process or the console shares the account) empties the bucket so this process backs off too.
// Decision 026 says why the project has its own rather than a library's.

export type BucketSize = { capacity: number; refillPerSecond: number };

/** AWS's published sizes: a few actions of their own, then non-mutating and mutating actions. */
const OWN_BUCKETS: Record<string, BucketSize> = {
  CreateNatGateway: { capacity: 10, refillPerSecond: 1 },
  DeleteNatGateway: { capacity: 10, refillPerSecond: 1 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeleteTags: { capacity: 100, refillPerSecond: 10 },
};
const NON_MUTATING: BucketSize = { capacity: 100, refillPerSecond: 20 };
const MUTATING: BucketSize = { capacity: 50, refillPerSecond: 5 };

export function awsBucketFor(action: string): BucketSize {
  return OWN_BUCKETS[action] ?? (/^(Describe|Get|List|Search)/.test(action) ? NON_MUTATING : MUTATING);
}

/**
 * The part of AWS's bucket this process allows itself (`share`, for several workers on one
 * account): 90 % of its size, so calls that reach AWS bunched (network jitter) still find a token
 * there, and its refill rate.
 */
export function clientBucketFor(action: string, share: number): BucketSize {
  const aws = awsBucketFor(action);
  return {
    capacity: Math.max(1, Math.floor(aws.capacity * share * 0.9)),
    refillPerSecond: aws.refillPerSecond * share,
  };
}

export type TokenBucket = {
  /** Resolves when a token is taken; callers are served in the order they asked. */
  take(): Promise<void>;
  /** AWS answered RequestLimitExceeded: its bucket is empty, so is ours from now. */
  drain(): void;
  /** Callers waiting for a token right now. */
  waiting(): number;
};

export function createTokenBucket(
  size: BucketSize,
  options: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): TokenBucket {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const capacity = Math.max(1, size.capacity);
  const rate = Math.max(size.refillPerSecond, 0.001);
  let tokens = capacity;
  let last = now();
  let queued = 0;
  // Callers queue in order: each waits for the one before it.
  let tail: Promise<void> = Promise.resolve();
  const refill = () => {
    const at = now();
    tokens = Math.min(capacity, tokens + ((at - last) / 1000) * rate);
    last = at;
  };
  return {
    take() {
      queued += 1;
      const turn = tail.then(async () => {
        refill();
        while (tokens < 1) {
          await sleep(Math.ceil(((1 - tokens) / rate) * 1000));
          refill();
        }
        tokens -= 1;
        queued -= 1;
      });
      tail = turn;
      return turn;
    },
    drain() {
      refill();
      tokens = Math.min(tokens, 0);
    },
    waiting: () => queued,
  };
}

const buckets = new Map<string, TokenBucket>();

/** The bucket of one action in one account and region, shared by every client of this process. */
export function ec2BucketOf(account: string, region: string, action: string, share = 1): TokenBucket {
  const key = `${account}/${region}/${action}`;
  let bucket = buckets.get(key);
  if (!bucket) {
    bucket = createTokenBucket(clientBucketFor(action, share));
    buckets.set(key, bucket);
  }
  return bucket;
}

/** Calls waiting for a token, per bucket with any waiting (for logs and the bench). */
export function ec2PacerBacklog(): Record<string, number> {
  const backlog: Record<string, number> = {};
  for (const [key, bucket] of buckets) if (bucket.waiting() > 0) backlog[key] = bucket.waiting();
  return backlog;
}

export type PacedOptions = {
  /** How long after the first RequestLimitExceeded the call keeps being tried again. */
  budgetMs: number;
  baseMs?: number;
  capMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  onThrottled?: (attempt: number, delayMs: number) => void;
  /** Time this call spent waiting here (for a token, or backing off), as it is spent. */
  onWaited?: (ms: number) => void;
};

/**
 * Sends one call through its bucket. RequestLimitExceeded (AWS did nothing) empties the bucket and
 * sends it again after a jittered back-off (full jitter, base·2^attempt, capped) until `budgetMs`
 * has passed since the first refusal; any other error, and the last refusal, go to the caller.
 */
export async function sendPaced<T>(
  bucket: TokenBucket,
  send: () => Promise<T>,
  isThrottled: (error: unknown) => boolean,
  options: PacedOptions,
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const baseMs = options.baseMs ?? 250;
  const capMs = options.capMs ?? 10_000;
  let firstRefusal: number | undefined;
  const waited = async (wait: Promise<void>) => {
    const from = now();
    await wait;
    options.onWaited?.(now() - from);
  };
  for (let attempt = 1; ; attempt++) {
    await waited(bucket.take());
    try {
      return await send();
    } catch (error) {
      if (!isThrottled(error)) throw error;
      bucket.drain();
      firstRefusal ??= now();
      const delayMs = Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
      if (now() - firstRefusal + delayMs > options.budgetMs) throw error;
      options.onThrottled?.(attempt, delayMs);
      await waited(sleep(delayMs));
    }
  }
}
