// The workflow engine: runs a request's provisioning or decommissioning steps in order, records
// each step's state and output, resumes after DONE steps, retries transient AWS errors, and turns
// a permanent error into FAILED with the step and a message support can act on.
import { describeAwsError, isTransientAwsError } from "@/lib/aws/aws-errors";
import { ec2For } from "@/lib/aws/ec2-client";
import type { PoolAccount } from "@/lib/aws/pool-credentials";
import { withRetries } from "@/lib/aws/with-retries";
import { hasAccountPool, placeVpnRequest } from "@/lib/aws-accounts/place-vpn-request";
import { wipeTunnelSecrets } from "@/lib/crypto/wipe-tunnel-secrets";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WorkflowKind } from "@/lib/generated/prisma/enums";
import { DECOMMISSION_WORKFLOW } from "@/lib/provisioning/decommission-steps";
import { PROVISION_WORKFLOW } from "@/lib/provisioning/provision-steps";
import { underWorkflowLock } from "@/lib/provisioning/workflow-lock";
import type { StepContext, WorkflowDefinition, WorkflowRequest } from "@/lib/provisioning/workflow-types";
import { workflowToRun } from "@/lib/vpn-request/lifecycle";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

export const WORKFLOWS: Record<WorkflowKind, WorkflowDefinition> = {
  PROVISION: PROVISION_WORKFLOW,
  DECOMMISSION: DECOMMISSION_WORKFLOW,
};

/** "waiting": provisioning waits for an account of the pool with room (the sweep runs it again). */
export type WorkflowOutcome = "completed" | "failed" | "busy" | "nothing-to-do" | "waiting";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs (or resumes) the workflow the request's status calls for. */
export const runWorkflow = underWorkflowLock(runLocked);

async function runLocked(requestId: string, log: (line: string) => void): Promise<WorkflowOutcome> {
  const found = await db.vpnRequest.findUnique({
    where: { id: requestId },
    include: { awsAccount: { select: { id: true, roleArn: true, externalId: true } } },
  });
  const kind = found ? workflowToRun(found.status) : null;
  if (!found || !kind) return "nothing-to-do";
  if (found.status === "APPROVED") {
    await transitionVpnRequest({
      requestId,
      by: { system: true, from: ["APPROVED"] },
      to: "PROVISIONING",
      action: "vpn-request.provisioning-started",
    });
  }
  // Placement (decision 024): a request provisions in an account of the pool with room, or waits
  // in PROVISIONING with the reason until one has (decommissioning frees room; the sweep retries).
  // A provisioning begun before the pool existed stays in the worker's own account, where it began.
  let account: PoolAccount | null = found.awsAccount;
  const begunUnplaced =
    !account &&
    (await db.provisioningStep.count({
      where: { requestId, workflow: "PROVISION", status: { not: "PENDING" } },
    })) > 0;
  if (kind === "PROVISION" && !account && !begunUnplaced && (await hasAccountPool())) {
    const placement = await placeVpnRequest(requestId).catch(async (error: unknown) => {
      // The pool could not be read (STS refused a role, AWS down): the request waits, visibly.
      const reason = `Could not read the AWS account pool: ${describeAwsError(error)}. Provisioning tries again by itself.`;
      await db.vpnRequest.update({ where: { id: requestId }, data: { capacityWaitReason: reason } });
      return { placed: false as const, reason };
    });
    if (!placement.placed) {
      log(`${requestId} PROVISION: ${placement.reason}`);
      return "waiting";
    }
    account = placement.account;
    log(`${requestId} PROVISION: placed in account ${account.roleArn}`);
  }
  const workflow = WORKFLOWS[kind];
  const steps = workflow.steps;
  await db.provisioningStep.createMany({
    data: steps.map((step, position) => ({ requestId, workflow: kind, name: step.name, position })),
    skipDuplicates: true,
  });
  const rows = await db.provisioningStep.findMany({ where: { requestId, workflow: kind } });
  const stored = new Map<string, unknown>();
  // Provisioning outputs (AWS IDs) stay readable to decommissioning through tags, not outputs.
  for (const row of rows) if (row.status === "DONE" && row.output) stored.set(row.name, row.output);
  const outputs = workflow.readOutputs(stored);

  const request: WorkflowRequest = {
    id: found.id,
    organizationId: found.organizationId,
    region: found.region,
    routing: found.routing,
    ikeVersion: found.ikeVersion,
    tunnelCount: found.tunnelCount,
    customerGatewayIp: found.customerGatewayIp,
    bgpAsn: found.bgpAsn === null ? null : Number(found.bgpAsn),
    subnetRanges: found.subnetRanges,
    advertisedNetworks: found.advertisedNetworks,
    platformVpcCidr: found.platformVpcCidr,
    platformAsn: found.platformAsn,
  };
  const env = getEnv();

  for (const step of steps) {
    const row = rows.find((candidate) => candidate.name === step.name);
    if (!row || row.status === "DONE") continue;
    const where = { requestId_workflow_name: { requestId, workflow: kind, name: step.name } };
    await db.provisioningStep.update({
      where,
      data: {
        status: "RUNNING",
        attempts: { increment: 1 },
        startedAt: row.startedAt ?? new Date(),
        lastError: null,
      },
    });
    log(`${requestId} ${kind} ${step.name}: running`);
    // Progress of a step that is not DONE: the note the progress view shows, and the creates begun.
    const previous = (row.output ?? {}) as { creating?: unknown };
    const intents: Record<string, string> =
      typeof previous.creating === "object" && previous.creating !== null
        ? { ...(previous.creating as Record<string, string>) }
        : {};
    let note: string | undefined;
    const writeProgress = () =>
      db.provisioningStep.update({
        where,
        data: { output: { ...(note ? { waiting: note } : {}), creating: intents } },
      });
    const ctx: StepContext = {
      request,
      // Provisioning names only what it created, so NotFound there means "not yet" (eventual consistency).
      ec2: ec2For(request.region, account, { notFoundIsNotYet: kind === "PROVISION" }),
      account,
      outputs,
      waiting: async (text) => {
        note = text;
        await writeProgress();
      },
      sleep,
      pollIntervalMs: env.WORKFLOW_POLL_INTERVAL_MS,
      waitTimeoutMs: env.WORKFLOW_WAIT_TIMEOUT_MS,
      platformAsn: request.platformAsn ?? env.PLATFORM_ASN,
      createIntents: {
        since: (resource) => {
          const at = intents[resource];
          return at === undefined ? undefined : Date.parse(at);
        },
        record: async (resource) => {
          intents[resource] = new Date().toISOString();
          await writeProgress();
        },
      },
      consistencyWindowMs: env.AWS_CONSISTENCY_WINDOW_MS,
    };
    try {
      // The output is checked against the catalogue before it is recorded: later steps rely on it.
      const output = await withRetries(async () => step.output.parse(await step.run(ctx)), {
        onRetry: async (error, attempt, delayMs) => {
          log(
            `${requestId} ${step.name}: transient ${describeAwsError(error)}; retry ${attempt} in ${delayMs} ms`,
          );
          await db.provisioningStep.update({
            where,
            data: { lastError: `Retrying after ${describeAwsError(error)}` },
          });
        },
      });
      stored.set(step.name, output);
      await db.provisioningStep.update({
        where,
        data: {
          status: "DONE",
          finishedAt: new Date(),
          output: output as Prisma.InputJsonValue,
          lastError: null,
        },
      });
      log(`${requestId} ${kind} ${step.name}: done`);
    } catch (error) {
      const message = isTransientAwsError(error)
        ? `AWS kept failing with ${describeAwsError(error)} after several retries; retry the step when AWS recovers.`
        : describeAwsError(error);
      await db.provisioningStep.update({
        where,
        data: { status: "FAILED", lastError: message, finishedAt: new Date() },
      });
      await transitionVpnRequest({
        requestId,
        by: { system: true },
        to: "FAILED",
        action:
          kind === "PROVISION" ? "vpn-request.provisioning-failed" : "vpn-request.decommissioning-failed",
        data: { failedStep: step.name, failureMessage: message, failedAt: new Date() },
        details: { step: step.name, message },
      });
      log(`${requestId} ${kind} ${step.name}: FAILED ${message}`);
      return "failed";
    }
  }

  if (kind === "DECOMMISSION") await wipeTunnelSecrets(requestId); // issue 10: no PSK outlives its VPN
  await transitionVpnRequest({
    requestId,
    by: { system: true },
    to: kind === "PROVISION" ? "AWAITING_CUSTOMER" : "DECOMMISSIONED",
    action: kind === "PROVISION" ? "vpn-request.provisioned" : "vpn-request.decommissioned",
    data: kind === "DECOMMISSION" ? { decommissionedAt: new Date() } : {},
  });
  log(`${requestId} ${kind}: completed`);
  return "completed";
}
