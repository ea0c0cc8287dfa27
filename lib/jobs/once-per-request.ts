import "server-only";
import { withLogContext } from "@/lib/log";

/**
 * A request's run (workflow or day-2 change) that this worker process starts at most once at a
 * time: the queue's handler and the sweep share it, so a request the queue just handed over is not
 * started a second time by the sweep (the advisory lock would refuse it anyway; this saves the
 * connection), and shutdown knows what it waits for. Outcomes other than "busy" and "nothing-to-do"
 * are logged as `<request>: <prefix><outcome>`.
 */
export function oncePerRequest(
  run: (requestId: string, log: (line: string) => void) => Promise<string>,
  prefix = "",
) {
  const inFlight = new Set<string>();
  return {
    async run(requestId: string, log: (line: string) => void): Promise<void> {
      if (inFlight.has(requestId)) return;
      inFlight.add(requestId);
      try {
        const outcome = await withLogContext({ requestId }, () => run(requestId, log));
        if (outcome !== "busy" && outcome !== "nothing-to-do") log(`${requestId}: ${prefix}${outcome}`);
      } finally {
        inFlight.delete(requestId);
      }
    },
    inFlight: (): number => inFlight.size,
  };
}
