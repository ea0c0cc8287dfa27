// The auto-approval policy (DESIGN §11): which new requests a policy may approve without a person.
// Pure, so the rule is unit-tested and written once.
import type { Plan } from "@/lib/organizations/check-entitlement";

export const KNOWN_ENTERPRISE_GATEWAY = "enterprise-known-gateway";
export type ApprovalPolicy = typeof KNOWN_ENTERPRISE_GATEWAY;

export const APPROVAL_POLICY_LABELS: Record<ApprovalPolicy, string> = {
  [KNOWN_ENTERPRISE_GATEWAY]: "Enterprise organization, gateway IP approved before",
};

/**
 * The policy that approves this request, or null (support decides). Enterprise organizations whose
 * customer gateway IP was approved before — by a person or by this policy — when an admin enabled it.
 */
export function approvalPolicyFor(input: {
  enabled: boolean;
  plan: Plan;
  gatewayApprovedBefore: boolean;
}): ApprovalPolicy | null {
  if (!input.enabled) return null;
  if (input.plan !== "ENTERPRISE") return null;
  return input.gatewayApprovedBefore ? KNOWN_ENTERPRISE_GATEWAY : null;
}

/** Words for a stored policy name (an unknown one, from an older release, is shown as it is). */
export function approvalPolicyLabel(policy: string): string {
  return policy in APPROVAL_POLICY_LABELS ? APPROVAL_POLICY_LABELS[policy as ApprovalPolicy] : policy;
}
