import "server-only";
import { createHash } from "node:crypto";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { createLimiter, RateLimiterRes } from "@/lib/security/rate-limit";

// Sign-in throttling (issue 10, DESIGN §13), kept in PostgreSQL so every web process sees the
// same counters:
// - per account: SIGNIN_MAX_FAILURES wrong passwords within the window lock the account for
//   SIGNIN_LOCK_SECONDS, doubled for each further lock that day (exponential back-off), capped;
// - per client address: SIGNIN_MAX_FAILURES_PER_ADDRESS wrong passwords an hour, across accounts.
// Unknown e-mail addresses are counted exactly like known ones, so locks reveal nothing.

/** What lib/auth/client-address.ts answers when a request carries no address. */
export const UNKNOWN_ADDRESS = "unknown";

type Limiters = { account: RateLimiterPostgres; locks: RateLimiterPostgres; address: RateLimiterPostgres };
let limiters: Limiters | undefined;

function getLimiters(): Limiters {
  if (limiters) return limiters;
  const env = getEnv();
  limiters = {
    account: createLimiter({
      keyPrefix: "signin-account",
      points: env.SIGNIN_MAX_FAILURES,
      durationSeconds: env.SIGNIN_FAILURE_WINDOW_SECONDS,
    }),
    locks: createLimiter({ keyPrefix: "signin-locks", points: 1_000_000, durationSeconds: 24 * 60 * 60 }),
    address: createLimiter({
      keyPrefix: "signin-address",
      points: env.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      durationSeconds: 60 * 60,
    }),
  };
  return limiters;
}

// Keys are hashed: the table holds no e-mail addresses, and any input fits its 255 characters.
const keyOf = (kind: string, value: string) =>
  createHash("sha256").update(`${kind}:${value.toLowerCase()}`).digest("hex");

export type ThrottleState =
  | { throttled: false }
  | { throttled: true; scope: "account" | "address"; retryAfterSeconds: number };

/** Whether a sign-in may be tried at all; checked before any password hashing. */
export async function checkSignInThrottle(email: string, address: string): Promise<ThrottleState> {
  const { account, address: byAddress } = getLimiters();
  const env = getEnv();
  const [accountState, addressState] = await Promise.all([
    account.get(keyOf("account", email)),
    address === UNKNOWN_ADDRESS ? null : byAddress.get(keyOf("address", address)),
  ]);
  if (accountState && accountState.consumedPoints >= env.SIGNIN_MAX_FAILURES) {
    return { throttled: true, scope: "account", retryAfterSeconds: seconds(accountState.msBeforeNext) };
  }
  if (addressState && addressState.consumedPoints >= env.SIGNIN_MAX_FAILURES_PER_ADDRESS) {
    return { throttled: true, scope: "address", retryAfterSeconds: seconds(addressState.msBeforeNext) };
  }
  return { throttled: false };
}

/** Counts a wrong password; returns the lock it caused, if this failure was the one too many. */
export async function recordSignInFailure(
  email: string,
  address: string,
): Promise<{ lockedForSeconds: number | null }> {
  const { account, locks, address: byAddress } = getLimiters();
  const env = getEnv();
  // Without an address there is no per-address count (one shared bucket would lock everyone out).
  if (address !== UNKNOWN_ADDRESS)
    await byAddress.consume(keyOf("address", address)).catch(ignoreLimitReached);
  const accountKey = keyOf("account", email);
  const state = await account.consume(accountKey).catch(ignoreLimitReached);
  if (!state || state.consumedPoints < env.SIGNIN_MAX_FAILURES) return { lockedForSeconds: null };
  const lockNumber = (await locks.consume(accountKey).catch(ignoreLimitReached))?.consumedPoints ?? 1;
  const lockedForSeconds = Math.min(
    env.SIGNIN_LOCK_SECONDS * 2 ** Math.min(lockNumber - 1, 30),
    env.SIGNIN_LOCK_MAX_SECONDS,
  );
  await account.block(accountKey, lockedForSeconds);
  return { lockedForSeconds };
}

/** A right password clears the account's failures (earlier locks still count towards back-off). */
export async function recordSignInSuccess(email: string): Promise<void> {
  await getLimiters().account.delete(keyOf("account", email));
}

function ignoreLimitReached(error: unknown): RateLimiterRes | null {
  if (error instanceof RateLimiterRes) return error;
  throw error;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
