import "server-only";
import type { Actor } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { workflowJob } from "@/lib/jobs/registry";
import { sendJob } from "@/lib/jobs/send-job";
import { getLogger } from "@/lib/log";
import { type RequestScope, scopedRequestWhere } from "@/lib/vpn-request/scope";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

/**
 * Hands the request to the workers. A failure to enqueue is logged, not thrown: the status is
 * already saved, and every worker's sweep picks up requests whose workflow has not run.
 */
export async function requestWorkflowRun(requestId: string): Promise<void> {
  const request = await db.vpnRequest.findUnique({
    where: { id: requestId },
    select: { status: true, statusChangedAt: true },
  });
  if (!request) return;
  try {
    // The key names the transition that asked, so repeated sends of one phase make one job.
    const phase = `${request.status}:${request.statusChangedAt.toISOString()}`;
    await sendJob(workflowJob, { requestId }, { key: `${requestId}:${phase}` });
  } catch (error) {
    getLogger().error(
      { err: error, requestId },
      "could not enqueue the workflow; the worker sweep will pick it up",
    );
  }
}

/** Support retries a FAILED request from the step that failed (provisioning or teardown). */
export async function retryFailedWorkflow(requestId: string, actor: Actor & { id: string }) {
  const failed = await db.provisioningStep.findFirst({
    where: { requestId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
  });
  const to = failed?.workflow === "DECOMMISSION" ? "DECOMMISSIONING" : "PROVISIONING";
  await transitionVpnRequest({
    requestId,
    scope: { kind: "staff" },
    from: ["FAILED"],
    to,
    actor,
    action: "vpn-request.retried",
    data: { failedStep: null, failureMessage: null, failedAt: null },
    details: { step: failed?.name ?? null },
  });
  if (failed) await db.provisioningStep.update({ where: { id: failed.id }, data: { status: "PENDING" } });
  await requestWorkflowRun(requestId);
}

const DECOMMISSIONABLE = ["AWAITING_CUSTOMER", "ACTIVE", "DEGRADED", "DOWN", "FAILED"] as const;

/** Tears the connection down (staff, or the owning customer asking for it). */
export async function decommissionVpn(requestId: string, actor: Actor & { id: string }, scope: RequestScope) {
  const request = await db.vpnRequest.findFirst({
    where: scopedRequestWhere(requestId, scope),
    select: { status: true },
  });
  if (!request) throw new NotFoundError();
  if (!(DECOMMISSIONABLE as readonly string[]).includes(request.status)) {
    throw new ConflictError(
      "Only a provisioned (or failed) VPN can be decommissioned; a pending request can be cancelled instead.",
    );
  }
  // A fresh teardown: steps of an earlier, failed teardown run again from where they stopped.
  await transitionVpnRequest({
    requestId,
    scope,
    from: DECOMMISSIONABLE,
    to: "DECOMMISSIONING",
    actor,
    action: "vpn-request.decommission-requested",
    data: { decommissionRequestedById: actor.id, decommissionRequestedAt: new Date() },
  });
  await db.provisioningStep.updateMany({
    where: { requestId, workflow: "DECOMMISSION", status: "FAILED" },
    data: { status: "PENDING" },
  });
  await requestWorkflowRun(requestId);
}
