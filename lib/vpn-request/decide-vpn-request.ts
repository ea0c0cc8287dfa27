import "server-only";
import type { Actor } from "@/lib/audit/record-audit-event";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

type StaffActor = Actor & { id: string };

/** Support approves a pending request. Of two concurrent approvals exactly one wins. */
export async function approveVpnRequest(requestId: string, actor: StaffActor) {
  return transitionVpnRequest({
    requestId,
    scope: { kind: "staff" },
    from: ["PENDING_APPROVAL"],
    to: "APPROVED",
    actor,
    action: "vpn-request.approved",
    data: { approvedById: actor.id, approvedAt: new Date() },
  });
}

/** Support rejects a pending request; the reason is shown to the customer. */
export async function rejectVpnRequest(requestId: string, reason: string, actor: StaffActor) {
  return transitionVpnRequest({
    requestId,
    scope: { kind: "staff" },
    from: ["PENDING_APPROVAL"],
    to: "REJECTED",
    actor,
    action: "vpn-request.rejected",
    data: { rejectedById: actor.id, rejectedAt: new Date(), rejectionReason: reason },
    details: { reason },
  });
}

/** The customer withdraws their own request while it is still pending. */
export async function cancelVpnRequest(
  requestId: string,
  actor: Actor & { id: string; organizationId: string },
) {
  return transitionVpnRequest({
    requestId,
    scope: { kind: "organization", organizationId: actor.organizationId },
    from: ["PENDING_APPROVAL"],
    to: "CANCELLED",
    actor,
    action: "vpn-request.cancelled",
    data: { cancelledById: actor.id, cancelledAt: new Date() },
  });
}
