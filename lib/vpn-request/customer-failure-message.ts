// What a customer reads when provisioning or teardown fails (issue 10, DESIGN §13): the step and a
// reference, never AWS's own text (which names role ARNs, account IDs, quotas of the platform's
// accounts). Staff read the detail, with the same reference in front, so a customer quoting it
// lands on the right failure. Pure; the hash is node's.
import { createHash } from "node:crypto";

/** A short, stable reference for one failure of one request. */
export function failureReference(requestId: string, failedAt: Date | null): string {
  const hash = createHash("sha256")
    .update(`${requestId}:${failedAt?.toISOString() ?? ""}`)
    .digest("hex");
  return `F-${hash.slice(0, 8).toUpperCase()}`;
}

export function customerFailureMessage(reference: string): string {
  return `The platform could not finish this step. Support has the details; quote reference ${reference} if you contact them.`;
}

/** A step's note (AWS errors while retrying or failed) as a customer may read it. */
export function customerStepNote(
  note: string | null,
  state: "done" | "running" | "waiting" | "pending" | "failed",
  reference: string,
): string | null {
  if (note === null) return null;
  if (state === "waiting") return note; // the portal's own words ("Waiting for the VPN connection…")
  if (state === "failed") return customerFailureMessage(reference);
  return "Retrying after a temporary error on the AWS side.";
}

export function staffFailureMessage(reference: string, detail: string): string {
  return `${reference}: ${detail}`;
}
