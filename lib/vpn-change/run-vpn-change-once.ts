import "server-only";
import { oncePerRequest } from "@/lib/jobs/once-per-request";
import { runVpnChange } from "@/lib/vpn-change/run-vpn-change";

const changes = oncePerRequest(runVpnChange, "change ");

/** Runs the request's active change unless this process is already running it. */
export const runVpnChangeOnce = changes.run;

export const countChangesInFlight = changes.inFlight;
