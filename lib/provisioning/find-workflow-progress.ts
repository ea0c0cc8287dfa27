import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { jsonTimestamp, readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { StepStatus, WorkflowKind } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { WORKFLOW_CATALOGUE } from "@/lib/provisioning/workflow-catalogue";
import { customerStepNote, failureReference } from "@/lib/vpn-request/customer-failure-message";
import { capabilitiesFor, type VpnStatus, workflowShown } from "@/lib/vpn-request/lifecycle";
import { scopedRequestSql } from "@/lib/vpn-request/scope";

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

type StepJson = {
  workflow: WorkflowKind;
  name: string;
  status: StepStatus;
  attempts: number;
  /** UTC, without a zone, as json_build_object writes a timestamp. */
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
  output: unknown;
};

/** What the progress view needs of the request: its row and its steps (`workflowStepsSql`). */
export type ProgressSource = {
  id: string;
  status: VpnStatus;
  statusChangedAt: Date;
  failedAt: Date | null;
  capacityWaitReason: string | null;
  steps: StepJson[];
};

/** The request's workflow steps as one JSON column (`requestId`: an expression of it). */
export function workflowStepsSql(requestId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`coalesce(
    (select json_agg(json_build_object(
        'workflow', s.workflow, 'name', s.name, 'status', s.status, 'attempts', s.attempts,
        'startedAt', s."startedAt", 'finishedAt', s."finishedAt", 'lastError', s."lastError",
        'output', s.output))
      from "ProvisioningStep" s where s."requestId" = ${requestId}),
    '[]'::json
  )`;
}

/**
 * The steps of the request's current (or last) workflow, as the progress view shows them. Polled
 * by every open page while a workflow runs: one plain statement, the request and its steps, with
 * the viewer's scope in its `where` (decision 027).
 */
export async function findWorkflowProgress(
  requestId: string,
  viewer: Viewer,
): Promise<WorkflowProgress | null> {
  if (!isUuid(requestId)) return null;
  const [row] = await readRows<ProgressSource>(Prisma.sql`
    select r.id, r.status::text as status, r."statusChangedAt", r."failedAt", r."capacityWaitReason",
      ${workflowStepsSql(Prisma.sql`r.id`)} as steps
    from "VpnRequest" r
    where r.id = ${requestId}::uuid ${scopedRequestSql(viewer.scope, "r")}`);
  return row ? workflowProgressOf(row, viewer) : null;
}

/** The progress view of a request the caller read with the viewer's scope. */
export function workflowProgressOf(source: ProgressSource, viewer: Viewer): WorkflowProgress {
  const request = {
    ...source,
    steps: source.steps.map((step) => ({
      ...step,
      startedAt: jsonTimestamp(step.startedAt),
      finishedAt: jsonTimestamp(step.finishedAt),
    })),
  };
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
