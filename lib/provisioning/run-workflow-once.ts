import "server-only";
import { oncePerRequest } from "@/lib/jobs/once-per-request";
import { runWorkflow } from "@/lib/provisioning/run-workflow";

const workflows = oncePerRequest(runWorkflow);

/** Runs the request's workflow unless this process is already running it. */
export const runWorkflowOnce = workflows.run;

export const countWorkflowsInFlight = workflows.inFlight;
