// EC2 is eventually consistent ("Eventual consistency in the Amazon EC2 API"): right after a
// create, a call naming the new resource can answer NotFound and a tag-filtered lookup can miss it;
// after a delete, AWS may still be releasing what the resource held (a NAT gateway's interface).
// These helpers wait for AWS to catch up, for a bounded time, with capped exponential back-off.
import { isDependencyViolation, isNotFoundError } from "@/lib/aws/aws-errors";

export type SettleOptions = {
  /** How long to keep trying; past it the last answer stands. */
  windowMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, e.g. to show "waiting for AWS" in the progress view. */
  onWait?: (error: unknown, elapsedMs: number) => void | Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const FIRST_WAIT_MS = 200;
const MAX_WAIT_MS = 2000;

async function retryWhile<T>(
  work: () => Promise<T>,
  shouldRetry: (error: unknown) => boolean,
  options: SettleOptions,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const started = Date.now();
  let delay = FIRST_WAIT_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      const elapsed = Date.now() - started;
      if (!shouldRetry(error) || elapsed >= options.windowMs) throw error;
      await options.onWait?.(error, elapsed);
      // The last try is made at the window's end, not before it: a resource that lags the whole
      // window is still seen (giving up one back-off step early missed it on a loaded machine).
      await sleep(Math.min(delay, options.windowMs - elapsed));
      delay = Math.min(delay * 2, MAX_WAIT_MS);
    }
  }
}

/** NotFound on a resource the portal has just created means "not yet": tried again within the window. */
export const untilVisible = <T>(work: () => Promise<T>, options: SettleOptions): Promise<T> =>
  retryWhile(work, isNotFoundError, options);

/** DependencyViolation while AWS releases what a deleted resource held: tried again within the window. */
export const untilReleased = <T>(work: () => Promise<T>, options: SettleOptions): Promise<T> =>
  retryWhile(work, isDependencyViolation, options);

/**
 * A lookup that may miss what was created a moment ago: repeated with back-off until it finds
 * something or the window has passed (then `undefined`: nothing exists).
 */
export async function lookUpSettled<T>(
  find: () => Promise<T | undefined>,
  options: SettleOptions,
): Promise<T | undefined> {
  const sleep = options.sleep ?? defaultSleep;
  const started = Date.now();
  let delay = FIRST_WAIT_MS;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    const elapsed = Date.now() - started;
    if (elapsed >= options.windowMs) return undefined;
    await sleep(Math.min(delay, options.windowMs - elapsed));
    delay = Math.min(delay * 2, MAX_WAIT_MS);
  }
}
