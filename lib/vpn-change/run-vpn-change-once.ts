import "server-only";
import { withLogContext } from "@/lib/log";
import { runVpnChange } from "@/lib/vpn-change/run-vpn-change";

// The changes this worker process is running (the queue's handler and the sweep share it), as
// run-workflow-once.ts does for workflows; the advisory lock is what keeps workers apart.
const inFlight = new Set<string>();

export async function runVpnChangeOnce(requestId: string, log: (line: string) => void): Promise<void> {
  if (inFlight.has(requestId)) return;
  inFlight.add(requestId);
  try {
    const outcome = await withLogContext({ requestId }, () => runVpnChange(requestId, log));
    if (outcome !== "busy" && outcome !== "nothing-to-do") log(`${requestId}: change ${outcome}`);
  } finally {
    inFlight.delete(requestId);
  }
}

export function countChangesInFlight(): number {
  return inFlight.size;
}
