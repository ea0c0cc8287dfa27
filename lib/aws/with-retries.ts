import { isTransientAwsError } from "@/lib/aws/aws-errors";

export type RetryOptions = {
  attempts?: number;
  baseMs?: number;
  capMs?: number;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void | Promise<void>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again after throttling, 5xx or network errors, with exponential backoff and full
 * jitter (a random wait up to base·2^attempt, capped), so many workers do not retry in step.
 */
export async function withRetries<T>(work: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  const baseMs = options.baseMs ?? 200;
  const capMs = options.capMs ?? 5000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientAwsError(error)) throw error;
      const delayMs = Math.round(random() * Math.min(capMs, baseMs * 2 ** attempt));
      await options.onRetry?.(error, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
