import { describe, expect, it } from "vitest";
import { approvalPolicyFor, KNOWN_ENTERPRISE_GATEWAY } from "./approval-policy";

describe("approvalPolicyFor", () => {
  it("approves an Enterprise request from a gateway IP approved before, when enabled", () => {
    expect(approvalPolicyFor({ enabled: true, plan: "ENTERPRISE", gatewayApprovedBefore: true })).toBe(
      KNOWN_ENTERPRISE_GATEWAY,
    );
  });

  it.each([
    { enabled: false, plan: "ENTERPRISE", gatewayApprovedBefore: true },
    { enabled: true, plan: "TEAM", gatewayApprovedBefore: true },
    { enabled: true, plan: "ENTERPRISE", gatewayApprovedBefore: false },
  ] as const)("leaves it to support otherwise (%o)", (input) => {
    expect(approvalPolicyFor(input)).toBeNull();
  });
});
