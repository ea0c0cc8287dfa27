import "server-only";
import type { CustomerViewer, StaffViewer } from "@/lib/auth/viewer";
import { UserFacingError } from "@/lib/errors";
import type { ApprovalPolicy } from "@/lib/vpn-request/approval-policy";
import { rejectReasonSchema } from "@/lib/vpn-request/reject-reason";
import { transitionVpnRequest } from "@/lib/vpn-request/transition-vpn-request";

/** Support approves a pending request. Of two concurrent approvals exactly one wins. */
export async function approveVpnRequest(requestId: string, viewer: StaffViewer) {
  return transitionVpnRequest({
    requestId,
    by: { viewer, capability: "approve" },
    to: "APPROVED",
    action: "vpn-request.approved",
    data: { approvedById: viewer.id, approvedAt: new Date() },
  });
}

/**
 * The auto-approval policy approves a pending request: the same transition as support's, by the
 * system actor, with the policy recorded on the row (the queue shows it) and in the audit event.
 * Support can still stop it: decommission is open to staff as soon as it is built (or has failed).
 */
export async function approveVpnRequestByPolicy(requestId: string, policy: ApprovalPolicy) {
  return transitionVpnRequest({
    requestId,
    by: { system: true, from: ["PENDING_APPROVAL"] },
    to: "APPROVED",
    action: "vpn-request.approved",
    data: { approvedAt: new Date(), approvedByPolicy: policy },
    details: { byPolicy: policy },
  });
}

/** Support rejects a pending request; the reason (checked here too) is shown to the customer. */
export async function rejectVpnRequest(requestId: string, reason: string, viewer: StaffViewer) {
  const parsed = rejectReasonSchema.safeParse(reason);
  if (!parsed.success)
    throw new UserFacingError(parsed.error.issues[0]?.message ?? "Give a reason.", "reason");
  return transitionVpnRequest({
    requestId,
    by: { viewer, capability: "reject" },
    to: "REJECTED",
    action: "vpn-request.rejected",
    data: { rejectedById: viewer.id, rejectedAt: new Date(), rejectionReason: parsed.data },
    details: { reason: parsed.data },
  });
}

/** The customer withdraws their own request while it is still pending. */
export async function cancelVpnRequest(requestId: string, viewer: CustomerViewer) {
  return transitionVpnRequest({
    requestId,
    by: { viewer, capability: "cancel" },
    to: "CANCELLED",
    action: "vpn-request.cancelled",
    data: { cancelledById: viewer.id, cancelledAt: new Date() },
  });
}
