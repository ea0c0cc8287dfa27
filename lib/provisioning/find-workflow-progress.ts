import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import type { WorkflowKind } from "@/lib/generated/prisma/enums";
import { WORKFLOW_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { customerStepNote, failureReference } from "@/lib/vpn-request/customer-failure-message";
import { capabilitiesFor, type VpnStatus, workflowShown } from "@/lib/vpn-request/lifecycle";
import { scopedRequestWhere } from "@/lib/vpn-request/scope";

export type StepView = {
  name: string;
  label: string;
  state: "done" | "running" | "waiting" | "pending" | "failed";
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  note: string | null;
  /** AWS IDs and the like; staff only. */
  details: Record<string, unknown> | null;
};

export type WorkflowProgress = {
  status: VpnStatus;
  statusChangedAt: string;
  workflow: WorkflowKind | null;
  steps: StepView[];
  startedAt: string | null;
  finishedAt: string | null;
  /** Provisioning waits for an account of the pool with room in the region (decision 024): why. */
  capacityWait: string | null;
};

/** What a customer reads while provisioning waits for capacity (staff read the accounts and counts). */
export const CUSTOMER_CAPACITY_WAIT =
  "Waiting for AWS capacity in this region; provisioning continues by itself, nothing to do on your side.";

/** The steps of the request's current (or last) workflow, as the progress view shows them. */
export async function findWorkflowProgress(
  requestId: string,
  viewer: Viewer,
): Promise<WorkflowProgress | null> {
  const request = await db.vpnRequest.findFirst({
    where: scopedRequestWhere(requestId, viewer.scope),
    select: {
      id: true,
      status: true,
      statusChangedAt: true,
      failedAt: true,
      steps: true,
      capacityWaitReason: true,
    },
  });
  if (!request) return null;
  const failed = request.steps.find((step) => step.status === "FAILED");
  const workflow = workflowShown(request.status, {
    failedWorkflow: failed?.workflow ?? null,
    provisionRan: request.steps.some((step) => step.workflow === "PROVISION"),
  });
  const withDetails = capabilitiesFor(request.status, viewer).seeWorkflowDetails;
  if (!workflow) {
    return {
      status: request.status,
      statusChangedAt: request.statusChangedAt.toISOString(),
      workflow: null,
      steps: [],
      startedAt: null,
      finishedAt: null,
      capacityWait: null,
    };
  }
  // Customers read the portal's words and a reference, never AWS's error text (issue 10).
  const customer = viewer.role === "CUSTOMER";
  const waitReason = request.status === "PROVISIONING" ? request.capacityWaitReason : null;
  const capacityWait = waitReason ? (customer ? CUSTOMER_CAPACITY_WAIT : waitReason) : null;
  const reference = failureReference(request.id, request.failedAt);
  const rows = new Map(
    request.steps.filter((step) => step.workflow === workflow).map((step) => [step.name, step]),
  );
  const steps: StepView[] = WORKFLOW_CATALOGUE[workflow].map((definition) => {
    const row = rows.get(definition.name);
    const output = (row?.output ?? null) as Record<string, unknown> | null;
    const waitingNote =
      row?.status === "RUNNING" && typeof output?.waiting === "string" ? output.waiting : null;
    const state: StepView["state"] = !row
      ? "pending"
      : row.status === "DONE"
        ? "done"
        : row.status === "FAILED"
          ? "failed"
          : row.status === "RUNNING"
            ? waitingNote
              ? "waiting"
              : "running"
            : "pending";
    return {
      name: definition.name,
      label: definition.label,
      state,
      attempts: row?.attempts ?? 0,
      startedAt: row?.startedAt?.toISOString() ?? null,
      finishedAt: row?.finishedAt?.toISOString() ?? null,
      note: customer
        ? customerStepNote(waitingNote ?? row?.lastError ?? null, state, reference)
        : (waitingNote ?? row?.lastError ?? null),
      details: withDetails && row?.status === "DONE" ? output : null,
    };
  });
  const started = steps
    .map((step) => step.startedAt)
    .filter((value): value is string => value !== null)
    .sort();
  const allDone = steps.every((step) => step.state === "done");
  const finished = steps
    .map((step) => step.finishedAt)
    .filter((value): value is string => value !== null)
    .sort();
  return {
    status: request.status,
    statusChangedAt: request.statusChangedAt.toISOString(),
    workflow,
    steps,
    startedAt: started[0] ?? null,
    finishedAt: allDone ? (finished.at(-1) ?? null) : null,
    capacityWait,
  };
}
