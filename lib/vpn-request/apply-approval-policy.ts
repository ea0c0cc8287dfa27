import "server-only";
import { getPlatformSettings } from "@/lib/admin/platform-settings";
import { db } from "@/lib/db";
import { approvalPolicyFor } from "@/lib/vpn-request/approval-policy";
import { approveVpnRequestByPolicy } from "@/lib/vpn-request/decide-vpn-request";

/**
 * Right after a request is filed: if the auto-approval policy covers it, approve it through the
 * one status writer with the system actor (audited "by policy"). Returns whether it approved.
 * A failure here only leaves the request pending for support, so it is logged, not raised.
 */
export async function applyApprovalPolicy(requestId: string): Promise<boolean> {
  try {
    const { autoApproveKnownEnterpriseGateways: enabled } = await getPlatformSettings();
    if (!enabled) return false;
    const request = await db.vpnRequest.findUnique({
      where: { id: requestId },
      select: {
        status: true,
        organizationId: true,
        customerGatewayIp: true,
        organization: { select: { plan: true } },
      },
    });
    if (request?.status !== "PENDING_APPROVAL") return false;
    const approvedBefore = await db.vpnRequest.count({
      where: {
        id: { not: requestId },
        organizationId: request.organizationId,
        customerGatewayIp: request.customerGatewayIp,
        approvedAt: { not: null },
      },
    });
    const policy = approvalPolicyFor({
      enabled,
      plan: request.organization.plan,
      gatewayApprovedBefore: approvedBefore > 0,
    });
    if (!policy) return false;
    await approveVpnRequestByPolicy(requestId, policy);
    return true;
  } catch (error) {
    console.error(`[approval-policy] request ${requestId} stays pending for support`, error);
    return false;
  }
}
