import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPgPool } from "@/lib/db";

// Every limiter keeps its counters in the one `rate_limit` table (made by a Prisma migration, so
// the library never creates tables at run time), shared by all web and worker processes.
const TABLE = "rate_limit";

export type LimiterOptions = {
  /** Distinguishes this limiter's keys from the others' in the shared table. */
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  blockDurationSeconds?: number;
};

export function createLimiter(options: LimiterOptions): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: getPgPool(),
    storeType: "pool",
    tableName: TABLE,
    tableCreated: true,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    blockDuration: options.blockDurationSeconds ?? 0,
  });
}

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Consumes one point; a refusal says when to try again instead of throwing. */
export async function consumePoint(limiter: RateLimiterPostgres, key: string): Promise<LimitOutcome> {
  try {
    await limiter.consume(key);
    return { allowed: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}

export { RateLimiterRes };
