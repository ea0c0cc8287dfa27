// Support's side of day-2 changes (decision 022): approving or rejecting a change that waits for
// approval (a new customer gateway IP), and retrying a FAILED change from its saved steps. Each is
// a compare-and-set on the change's status with the viewer's scope in the query and the
// lifecycle's capability asserted in the status the request has, audited in the same transaction.
import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type StaffViewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { VpnChangeStatus } from "@/lib/generated/prisma/enums";
import { assertNoOpenChange, CHANGE_KIND_LABELS, requestChangeRun } from "@/lib/vpn-change/start-vpn-change";
import { type Capability, capabilitiesFor, capabilityRefusal } from "@/lib/vpn-request/lifecycle";
import { scopedRequestWhere } from "@/lib/vpn-request/scope";

const STATUS_WORDS: Readonly<Record<VpnChangeStatus, string>> = {
  AWAITING_APPROVAL: "waiting for approval",
  PENDING: "approved and waiting for a worker",
  RUNNING: "under way",
  DONE: "done",
  FAILED: "failed",
  REJECTED: "rejected",
};

async function moveChange(
  requestId: string,
  changeId: string,
  viewer: StaffViewer,
  move: {
    capability: Capability;
    from: VpnChangeStatus;
    to: VpnChangeStatus;
    action: string;
    data?: Record<string, unknown>;
    details?: Record<string, unknown>;
    /** Only the VPN's latest change may be retried: an older one would undo what came after. */
    latestOnly?: boolean;
  },
) {
  await db.$transaction(async (tx) => {
    const request = await tx.vpnRequest.findFirst({ where: scopedRequestWhere(requestId, viewer.scope) });
    if (!request) throw new NotFoundError();
    if (!capabilitiesFor(request.status, viewer)[move.capability])
      throw new ConflictError(capabilityRefusal(move.capability, request.status));
    const change = await tx.vpnChange.findFirst({ where: { id: changeId, requestId } });
    if (!change) throw new NotFoundError();
    const label = CHANGE_KIND_LABELS[change.kind];
    if (change.status !== move.from)
      throw new ConflictError(
        `${label} is ${STATUS_WORDS[change.status]}, so it cannot be ${move.action} now. Reload to see its current state.`,
      );
    if (move.latestOnly) {
      const latest = await tx.vpnChange.findFirst({ where: { requestId }, orderBy: { requestedAt: "desc" } });
      if (latest?.id !== change.id)
        throw new ConflictError(
          `A later change of this VPN was asked for since: retrying this one would undo it. Ask the customer to make the change again instead.`,
        );
    }
    if (move.to === "PENDING") await assertNoOpenChange(tx, requestId, change.id);
    const { count } = await tx.vpnChange.updateMany({
      where: { id: change.id, status: move.from },
      data: { status: move.to, ...move.data },
    });
    if (count === 0)
      throw new ConflictError(`${label} was just changed by someone else. Reload to see its current state.`);
    await recordAuditEvent(
      {
        actor: actorOf(viewer),
        action: `vpn-change.${move.action}`,
        targetType: "VpnRequest",
        targetId: requestId,
        organizationId: request.organizationId,
        details: { changeId: change.id, kind: change.kind, from: move.from, to: move.to, ...move.details },
      },
      tx,
    );
  });
  if (move.to === "PENDING") await requestChangeRun(requestId, changeId);
}

/** Support approves a change that waits for approval: the workers make it. */
export function approveVpnChange(requestId: string, changeId: string, viewer: StaffViewer) {
  return moveChange(requestId, changeId, viewer, {
    capability: "approveGatewayChange",
    from: "AWAITING_APPROVAL",
    to: "PENDING",
    action: "approved",
    data: { decidedById: viewer.id, decidedAt: new Date() },
  });
}

/** Support declines it with a reason the customer reads; nothing is changed in AWS. */
export function rejectVpnChange(requestId: string, changeId: string, reason: string, viewer: StaffViewer) {
  const now = new Date();
  return moveChange(requestId, changeId, viewer, {
    capability: "approveGatewayChange",
    from: "AWAITING_APPROVAL",
    to: "REJECTED",
    action: "rejected",
    data: { decidedById: viewer.id, decidedAt: now, rejectionReason: reason, finishedAt: now },
    details: { reason },
  });
}

/** A FAILED change runs again from the step that failed: the DONE steps' saved outputs are kept. */
export function retryVpnChange(requestId: string, changeId: string, viewer: StaffViewer) {
  return moveChange(requestId, changeId, viewer, {
    capability: "retryChange",
    from: "FAILED",
    to: "PENDING",
    action: "retried",
    data: { error: null, finishedAt: null },
    latestOnly: true,
  });
}
