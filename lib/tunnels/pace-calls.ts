// A token bucket for the poller's DescribeVpnConnections calls: at most `burst` at once, then
// `ratePerSecond`, so a cycle over thousands of connections stays inside the EC2 API's request
// rate for non-mutating actions instead of meeting RequestLimitExceeded. Pure apart from the clock.

export type CallPacer = { take(): Promise<void> };

export function createCallPacer(options: {
  ratePerSecond: number;
  burst: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): CallPacer {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const rate = Math.max(options.ratePerSecond, 0.001);
  let tokens = Math.max(options.burst, 1);
  let last = now();
  // Callers queue in order: each waits for the one before it.
  let tail: Promise<void> = Promise.resolve();
  const refill = () => {
    const at = now();
    tokens = Math.min(Math.max(options.burst, 1), tokens + ((at - last) / 1000) * rate);
    last = at;
  };
  return {
    take() {
      const turn = tail.then(async () => {
        refill();
        while (tokens < 1) {
          await sleep(((1 - tokens) / rate) * 1000);
          refill();
        }
        tokens -= 1;
      });
      tail = turn;
      return turn;
    },
  };
}
