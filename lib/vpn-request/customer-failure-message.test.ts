import { describe, expect, it } from "vitest";
import { customerFailureMessage, customerStepNote, failureReference } from "./customer-failure-message";

const AWS_TEXT =
  "UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/vpn-portal/worker";

describe("customer failure messages", () => {
  it("gives a stable reference per failure and no AWS text", () => {
    const at = new Date("2026-12-01T09:00:00Z");
    const reference = failureReference("0b5e8f2e-0000-4000-8000-000000000001", at);
    expect(reference).toMatch(/^F-[0-9A-F]{8}$/);
    expect(failureReference("0b5e8f2e-0000-4000-8000-000000000001", at)).toBe(reference);
    const message = customerFailureMessage(reference);
    expect(message).toContain(reference);
    expect(message).not.toMatch(/arn:|\d{12}|Unauthorized/);
  });

  it("replaces AWS errors in step notes, keeps the portal's own waiting notes", () => {
    expect(customerStepNote(`Retrying after ${AWS_TEXT}`, "running", "F-1")).not.toContain("arn:");
    expect(customerStepNote(AWS_TEXT, "failed", "F-1")).toContain("F-1");
    expect(customerStepNote("Waiting for the NAT gateway", "waiting", "F-1")).toBe(
      "Waiting for the NAT gateway",
    );
    expect(customerStepNote(null, "done", "F-1")).toBeNull();
  });
});
