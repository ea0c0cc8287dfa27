import "server-only";
import { type Actor, recordAuditEvent, SYSTEM_ACTOR } from "@/lib/audit/record-audit-event";
import { actorOf, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  assertTransition,
  type Capability,
  capabilitiesFor,
  capabilityRefusal,
  STATUS_LABELS,
  type VpnStatus,
} from "@/lib/vpn-request/lifecycle";
import { scopedRequestWhere } from "@/lib/vpn-request/scope";

/** A person acting through a capability of the lifecycle, or the system (worker, poller). */
export type TransitionBy =
  | { viewer: Viewer; capability: Capability }
  | {
      system: true /** Statuses this move may start from; default: any the lifecycle allows. */;
      from?: readonly VpnStatus[];
    };

export type TransitionInput = {
  requestId: string;
  to: VpnStatus;
  by: TransitionBy;
  /** Audit action name, e.g. "vpn-request.approved". */
  action: string;
  /** Columns written with the status (who/when, reason…). */
  data?: Prisma.VpnRequestUpdateManyMutationInput;
  details?: Prisma.InputJsonValue;
};

/**
 * The one way a request changes status. In one transaction: reads the request with the caller's
 * scope in the `where` (missing → 404); asserts the viewer's capability in the status it actually
 * has (or, for the system, the lifecycle's transition table); writes a compare-and-set on that
 * status (so of two concurrent approvals exactly one wins); audits it.
 */
export async function transitionVpnRequest(
  input: TransitionInput,
): Promise<{ from: VpnStatus; to: VpnStatus }> {
  const { by } = input;
  const viewer = "viewer" in by ? by.viewer : null;
  const actor: Actor = viewer ? actorOf(viewer) : SYSTEM_ACTOR;
  return db.$transaction(
    async (tx) => {
      const current = await tx.vpnRequest.findFirst({
        where: scopedRequestWhere(input.requestId, viewer ? viewer.scope : { kind: "staff" }),
        select: { status: true, organizationId: true },
      });
      if (!current) throw new NotFoundError();
      const from = current.status;
      if (viewer && "capability" in by) {
        if (!capabilitiesFor(from, viewer)[by.capability])
          throw await refusal(input, viewer, by.capability, from, tx);
      } else if ("system" in by && by.from && !by.from.includes(from)) {
        throw new ConflictError(
          `The request is ${STATUS_LABELS[from].label} now, not ${by.from.map((s) => STATUS_LABELS[s].label).join(" or ")}; nothing was changed.`,
        );
      }
      assertTransition(from, input.to);

      const updated = await tx.vpnRequest.updateMany({
        where: { id: input.requestId, status: from },
        data: { ...input.data, status: input.to, statusChangedAt: new Date() },
      });
      if (updated.count !== 1) {
        const now = await tx.vpnRequest.findUniqueOrThrow({
          where: { id: input.requestId },
          select: { status: true },
        });
        if (viewer && "capability" in by) throw await refusal(input, viewer, by.capability, now.status, tx);
        throw new ConflictError(
          `The request became ${STATUS_LABELS[now.status].label} meanwhile; nothing was changed.`,
        );
      }
      await recordAuditEvent(
        {
          actor,
          action: input.action,
          targetType: "VpnRequest",
          targetId: input.requestId,
          organizationId: current.organizationId,
          details: { from, to: input.to, ...(isObject(input.details) ? input.details : {}) },
        },
        tx,
      );
      return { from, to: input.to };
      // Many at once (200 approvals, a poll cycle's moves) queue for a pooled connection rather
      // than fail after Prisma's default 2 s: a status change that waits is still exact.
    },
    { maxWait: 15_000 },
  );
}

function isObject(value: unknown): value is Record<string, Prisma.InputJsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The audit actions of a decision on a request, and the status each decision set. */
const DECISION_ACTIONS = new Map<string, VpnStatus>([
  ["vpn-request.approved", "APPROVED"],
  ["vpn-request.rejected", "REJECTED"],
]);

/**
 * Says what state the request is actually in and who moved it there. Customers are not told staff
 * members' addresses (DESIGN §13): they see "Platform support".
 */
async function refusal(
  input: TransitionInput,
  viewer: Viewer,
  capability: Capability,
  status: VpnStatus,
  tx: Prisma.TransactionClient,
) {
  const select = { actorId: true, actorEmail: true, createdAt: true, action: true } as const;
  const where = { targetType: "VpnRequest", targetId: input.requestId };
  // A refused decision names the decision that was made (by whom, when), whatever the request
  // went on to: of two staff approving at once, the loser learns who approved it first, even
  // when the worker has moved it to Provisioning since.
  const decision =
    capability === "approve" || capability === "reject"
      ? await tx.auditEvent.findFirst({
          where: { ...where, action: { in: [...DECISION_ACTIONS.keys()] } },
          orderBy: { createdAt: "desc" },
          select,
        })
      : null;
  const last = decision ?? (await tx.auditEvent.findFirst({ where, orderBy: { createdAt: "desc" }, select }));
  let by: string | null = null;
  if (last?.actorId) {
    const staffActor =
      last.actorId !== viewer.id &&
      (await tx.user.findUnique({ where: { id: last.actorId }, select: { role: true } }))?.role !==
        "CUSTOMER";
    by = viewer.role === "CUSTOMER" && staffActor ? "Platform support" : last.actorEmail;
  }
  return new ConflictError(
    capabilityRefusal(
      capability,
      status,
      last ? { by, at: last.createdAt } : undefined,
      decision ? DECISION_ACTIONS.get(decision.action) : undefined,
    ),
  );
}
