// At most `limit` tasks at once; up to `queueLimit` more wait their turn, and beyond that a task is
// refused at once (so a burst of sign-ins cannot pile up unbounded bcrypt work on the web process).

export class ConcurrencyLimitError extends Error {
  override readonly name = "ConcurrencyLimitError";
}

export function boundedConcurrency(limit: number, queueLimit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) {
      if (waiting.length >= queueLimit) throw new ConcurrencyLimitError("too many tasks waiting");
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}
