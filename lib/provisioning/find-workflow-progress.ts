import "server-only";
import { db } from "@/lib/db";
import type { WorkflowKind } from "@/lib/generated/prisma/enums";
import { WORKFLOW_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { type RequestScope, scopedRequestWhere } from "@/lib/vpn-request/scope";
import type { VpnStatus } from "@/lib/vpn-request/state-machine";

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
};

const ACTIVE_WORKFLOW: Partial<Record<VpnStatus, WorkflowKind>> = {
  APPROVED: "PROVISION",
  PROVISIONING: "PROVISION",
  AWAITING_CUSTOMER: "PROVISION",
  DECOMMISSIONING: "DECOMMISSION",
  DECOMMISSIONED: "DECOMMISSION",
};

/** The steps of the request's current (or last) workflow, as the progress view shows them. */
export async function findWorkflowProgress(
  requestId: string,
  scope: RequestScope,
  options: { withDetails: boolean },
): Promise<WorkflowProgress | null> {
  const request = await db.vpnRequest.findFirst({
    where: scopedRequestWhere(requestId, scope),
    select: { status: true, statusChangedAt: true, steps: true },
  });
  if (!request) return null;
  const failed = request.steps.find((step) => step.status === "FAILED");
  const workflow =
    ACTIVE_WORKFLOW[request.status] ??
    failed?.workflow ??
    (request.steps.some((step) => step.workflow === "PROVISION") ? "PROVISION" : null);
  if (!workflow) {
    return {
      status: request.status,
      statusChangedAt: request.statusChangedAt.toISOString(),
      workflow: null,
      steps: [],
      startedAt: null,
      finishedAt: null,
    };
  }
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
      note: waitingNote ?? row?.lastError ?? null,
      details: options.withDetails && row?.status === "DONE" ? output : null,
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
  };
}
