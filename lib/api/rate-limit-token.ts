import "server-only";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPgPool } from "@/lib/db";
import { getEnv } from "@/lib/env";

// JSON API calls per token per minute, counted in PostgreSQL (table `api_token_rate_limit`, made by
// a Prisma migration so the library never creates tables at run time), so every web process shares
// one count. Separate from sign-in throttling on purpose: different keys, limits and table.
let limiter: RateLimiterPostgres | undefined;

function tokenLimiter(): RateLimiterPostgres {
  limiter ??= new RateLimiterPostgres({
    storeClient: getPgPool(),
    storeType: "pool",
    tableName: "api_token_rate_limit",
    tableCreated: true,
    keyPrefix: "api-token",
    points: getEnv().API_CALLS_PER_MINUTE,
    duration: 60,
  });
  return limiter;
}

export type TokenLimit =
  | { allowed: true; limit: number; remaining: number; resetSeconds: number }
  | { allowed: false; limit: number; remaining: 0; resetSeconds: number };

/** Counts one call of this token; a refusal says when to try again. */
export async function consumeTokenRequest(tokenId: string): Promise<TokenLimit> {
  const current = tokenLimiter();
  try {
    const result = await current.consume(tokenId);
    return {
      allowed: true,
      limit: current.points,
      remaining: result.remainingPoints,
      resetSeconds: Math.ceil(result.msBeforeNext / 1000),
    };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return {
        allowed: false,
        limit: current.points,
        remaining: 0,
        resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
      };
    }
    throw error;
  }
}
