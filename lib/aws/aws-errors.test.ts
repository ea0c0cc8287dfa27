import { describe, expect, it } from "vitest";
import { adviceFor, describeAwsError, isDependencyViolation, isNotFoundError } from "./aws-errors";

const awsError = (name: string, message = "m") => Object.assign(new Error(message), { name });

describe("AWS error advice", () => {
  // Every limit code EC2 answers the portal's calls with (and the emulator reproduces).
  it.each([
    "VpcLimitExceeded",
    "InternetGatewayLimitExceeded",
    "AddressLimitExceeded",
    "NatGatewayLimitExceeded",
    "VpnGatewayLimitExceeded",
    "CustomerGatewayLimitExceeded",
    "VpnConnectionLimitExceeded",
    "VpnGatewayAttachmentLimitExceeded",
    "RouteTableLimitExceeded",
    "RouteLimitExceeded",
    "SubnetLimitExceeded",
    "TagLimitExceeded",
  ])("says what to do about %s", (code) => {
    expect(adviceFor(code)).toMatch(/\.$/);
  });

  it("names the quota, its default and the fix in the FAILED line", () => {
    const line = describeAwsError(
      awsError("VpcLimitExceeded", "The maximum number of VPCs has been reached."),
    );
    expect(line).toBe(
      "VpcLimitExceeded: The maximum number of VPCs has been reached. — The region's VPC quota is used up (default 5 per region, the default VPC included). Decommission unused VPNs, delete unused VPCs or raise 'VPCs per Region' in Service Quotas, then retry.",
    );
  });
});

describe("error kinds", () => {
  it("recognises EC2's NotFound codes, both spellings", () => {
    expect(isNotFoundError(awsError("InvalidVpcID.NotFound"))).toBe(true);
    expect(isNotFoundError(awsError("NatGatewayNotFound"))).toBe(true);
    expect(isNotFoundError(awsError("InvalidParameterValue"))).toBe(false);
    expect(isDependencyViolation(awsError("DependencyViolation"))).toBe(true);
  });
});
