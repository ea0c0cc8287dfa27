import "server-only";
import type { StaffViewer, Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { workflowJob } from "@/lib/jobs/registry";
import { sendJob } from "@/lib/jobs/send-job";
import { getLogger } from "@/lib/log";
import { retryTarget } from "@/lib/vpn-request/lifecycle";
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
export async function retryFailedWorkflow(requestId: string, viewer: StaffViewer) {
  const failed = await db.provisioningStep.findFirst({
    where: { requestId, status: "FAILED" },
    orderBy: { updatedAt: "desc" },
  });
  await transitionVpnRequest({
    requestId,
    by: { viewer, capability: "retry" },
    to: retryTarget(failed?.workflow ?? null),
    action: "vpn-request.retried",
    data: { failedStep: null, failureMessage: null, failedAt: null },
    details: { step: failed?.name ?? null },
  });
  if (failed) await db.provisioningStep.update({ where: { id: failed.id }, data: { status: "PENDING" } });
  await requestWorkflowRun(requestId);
}

/** Tears the connection down (staff, or the owning customer: the viewer's scope is in the query). */
export async function decommissionVpn(requestId: string, viewer: Viewer) {
  await transitionVpnRequest({
    requestId,
    by: { viewer, capability: "decommission" },
    to: "DECOMMISSIONING",
    action: "vpn-request.decommission-requested",
    data: { decommissionRequestedById: viewer.id, decommissionRequestedAt: new Date() },
  });
  // A fresh teardown: steps of an earlier, failed teardown run again from where they stopped.
  await db.provisioningStep.updateMany({
    where: { requestId, workflow: "DECOMMISSION", status: "FAILED" },
    data: { status: "PENDING" },
  });
  await requestWorkflowRun(requestId);
}
