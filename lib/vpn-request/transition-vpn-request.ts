import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type RequestScope, scopedRequestWhere } from "@/lib/vpn-request/scope";
import { canTransition, STATUS_LABELS, type VpnStatus } from "@/lib/vpn-request/state-machine";

export type TransitionInput = {
  requestId: string;
  scope: RequestScope;
  to: VpnStatus;
  actor: Actor;
  /** Audit action name, e.g. "vpn-request.approved". */
  action: string;
  /** Columns written with the status (who/when, reason…). */
  data?: Prisma.VpnRequestUpdateManyMutationInput;
  details?: Prisma.InputJsonValue;
  /** Statuses this transition may start from; defaults to every status the state machine allows. */
  from?: readonly VpnStatus[];
};

/**
 * The one way a request changes status: checked against the state machine, applied as a
 * compare-and-set on the current status (so of two concurrent approvals exactly one wins), and
 * audited in the same transaction.
 */
export async function transitionVpnRequest(
  input: TransitionInput,
): Promise<{ from: VpnStatus; to: VpnStatus }> {
  return db.$transaction(async (tx) => {
    const current = await tx.vpnRequest.findFirst({
      where: scopedRequestWhere(input.requestId, input.scope),
      select: { status: true, organizationId: true },
    });
    if (!current) throw new NotFoundError();
    const from = current.status;
    const permitted = (input.from ?? [from]).includes(from) && canTransition(from, input.to);
    if (!permitted) throw await conflict(input, from, tx);

    const updated = await tx.vpnRequest.updateMany({
      where: { id: input.requestId, status: from },
      data: { ...input.data, status: input.to, statusChangedAt: new Date() },
    });
    if (updated.count !== 1) {
      const now = await tx.vpnRequest.findUniqueOrThrow({
        where: { id: input.requestId },
        select: { status: true },
      });
      throw await conflict(input, now.status, tx);
    }
    await recordAuditEvent(
      {
        actor: input.actor,
        action: input.action,
        targetType: "VpnRequest",
        targetId: input.requestId,
        organizationId: current.organizationId,
        details: { from, to: input.to, ...(isObject(input.details) ? input.details : {}) },
      },
      tx,
    );
    return { from, to: input.to };
  });
}

function isObject(value: unknown): value is Record<string, Prisma.InputJsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function conflict(input: TransitionInput, status: VpnStatus, tx: Prisma.TransactionClient) {
  const last = await tx.auditEvent.findFirst({
    where: { targetType: "VpnRequest", targetId: input.requestId },
    orderBy: { createdAt: "desc" },
    select: { actorEmail: true, createdAt: true },
  });
  const label = STATUS_LABELS[status].label;
  const by = last?.actorEmail ? ` by ${last.actorEmail} at ${last.createdAt.toISOString()}` : "";
  return new ConflictError(
    `This request is already ${label}${by}, so it cannot be changed that way now. Nothing was changed; reload to see its current state.`,
  );
}
