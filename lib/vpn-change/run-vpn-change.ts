// Runs (or resumes) a request's active day-2 change: under the request's workflow lock (a change
// never runs beside provisioning or decommissioning, nor twice at once), each step not yet DONE in
// order, its output and AWS request IDs recorded on the change; transient AWS errors are retried,
// a permanent one fails the change with the step and a message support can act on.
import "server-only";
import { recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { describeAwsError, isTransientAwsError } from "@/lib/aws/aws-errors";
import { ec2For } from "@/lib/aws/ec2-client";
import { withRetries } from "@/lib/aws/with-retries";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { underWorkflowLock } from "@/lib/provisioning/workflow-lock";
import { CHANGE_STEPS } from "@/lib/vpn-change/change-steps";
import { ACTIVE_CHANGE_STATUSES, type ChangeRequested } from "@/lib/vpn-change/vpn-change-schema";
import { isProvisioned } from "@/lib/vpn-request/lifecycle";

export type ChangeOutcome = "completed" | "failed" | "busy" | "nothing-to-do";

/** Runs (or resumes) the request's active day-2 change. */
export const runVpnChange = underWorkflowLock(runLocked);

async function runLocked(requestId: string, log: (line: string) => void): Promise<ChangeOutcome> {
  const change = await db.vpnChange.findFirst({
    where: { requestId, status: { in: [...ACTIVE_CHANGE_STATUSES] } },
    include: {
      request: {
        select: {
          id: true,
          status: true,
          region: true,
          vpnConnectionId: true,
          // The account the connection lives in (the pool, decision 024); null: the worker's own.
          awsAccount: { select: { id: true, roleArn: true, externalId: true } },
        },
      },
    },
  });
  if (!change) return "nothing-to-do";
  const { request } = change;
  const fail = async (step: string, message: string) => {
    await db.$transaction(async (tx) => {
      await tx.vpnChange.update({
        where: { id: change.id },
        data: { status: "FAILED", error: `${step}: ${message}`, finishedAt: new Date() },
      });
      await recordAuditEvent(
        {
          actor: SYSTEM_ACTOR,
          action: "vpn-change.failed",
          targetType: "VpnRequest",
          targetId: requestId,
          details: { changeId: change.id, kind: change.kind, step, message },
        },
        tx,
      );
    });
    log(`${requestId} change ${change.id} ${step}: FAILED ${message}`);
    return "failed" as const;
  };
  if (!isProvisioned(request.status) || !request.vpnConnectionId)
    return fail("start", "The VPN is no longer provisioned, so the change was not made.");
  await db.vpnChange.update({
    where: { id: change.id },
    data: { status: "RUNNING", attempts: { increment: 1 } },
  });
  const outputs = { ...((change.steps ?? {}) as Record<string, unknown>) };
  const awsRequestIds = [...change.awsRequestIds];
  const env = getEnv();
  const ctx = {
    change: { id: change.id, requestId, requested: change.requested as ChangeRequested },
    request: { id: request.id, vpnConnectionId: request.vpnConnectionId },
    ec2: ec2For(request.region, request.awsAccount),
    outputs,
    wait: {
      intervalMs: env.WORKFLOW_POLL_INTERVAL_MS,
      timeoutMs: env.WORKFLOW_WAIT_TIMEOUT_MS,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    },
  };
  for (const step of CHANGE_STEPS[change.kind]) {
    if (step.name in outputs) continue;
    log(`${requestId} change ${change.kind} ${step.name}: running`);
    try {
      const result = await withRetries(() => step.run(ctx), {
        onRetry: async (error, attempt, delayMs) => {
          log(
            `${requestId} ${step.name}: transient ${describeAwsError(error)}; retry ${attempt} in ${delayMs} ms`,
          );
        },
      });
      outputs[step.name] = result.output;
      awsRequestIds.push(...result.awsRequestIds);
      await db.vpnChange.update({
        where: { id: change.id },
        data: { steps: outputs as Prisma.InputJsonValue, awsRequestIds },
      });
    } catch (error) {
      const message = isTransientAwsError(error)
        ? `AWS kept failing with ${describeAwsError(error)} after several retries; retry the change when AWS recovers.`
        : describeAwsError(error);
      return fail(step.name, message);
    }
  }
  await db.$transaction(async (tx) => {
    await tx.vpnChange.update({
      where: { id: change.id },
      data: { status: "DONE", finishedAt: new Date(), error: null },
    });
    await recordAuditEvent(
      {
        actor: SYSTEM_ACTOR,
        action: "vpn-change.completed",
        targetType: "VpnRequest",
        targetId: requestId,
        details: {
          changeId: change.id,
          kind: change.kind,
          requested: change.requested as Prisma.InputJsonValue,
        },
      },
      tx,
    );
  });
  log(`${requestId} change ${change.kind}: completed`);
  return "completed";
}
