import "server-only";
import { withLogContext } from "@/lib/log";
import { runWorkflow } from "@/lib/provisioning/run-workflow";

// The workflows this worker process is running: the queue's handler and the sweep share it, so a
// request the queue just handed over is not started a second time by the sweep (the advisory lock
// would refuse it anyway; this saves the connection), and shutdown knows what it waits for.
const inFlight = new Set<string>();

/** Runs the request's workflow unless this process is already running it. */
export async function runWorkflowOnce(requestId: string, log: (line: string) => void): Promise<void> {
  if (inFlight.has(requestId)) return;
  inFlight.add(requestId);
  try {
    const outcome = await withLogContext({ requestId }, () => runWorkflow(requestId, log));
    if (outcome !== "busy" && outcome !== "nothing-to-do") log(`${requestId}: ${outcome}`);
  } finally {
    inFlight.delete(requestId);
  }
}

export function countWorkflowsInFlight(): number {
  return inFlight.size;
}
