import "server-only";
import type { CustomerViewer, StaffViewer } from "@/lib/auth/viewer";
import { UserFacingError } from "@/lib/errors";
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
