// What customers may read about their own request (issue 10, DESIGN §13): staff appear as
// "Platform support", AWS's error text is replaced by a reference; staff keep the detail.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";
import { customerViewer, staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { findRequestHistory, findVpnRequest } from "./find-vpn-requests";

const AWS_TEXT =
  "UnauthorizedOperation: You are not authorized to perform this operation. User: arn:aws:sts::123456789012:assumed-role/vpn-portal/worker is not authorized";

describe("disclosure to customers", () => {
  it("hides staff addresses and AWS error text from the owning customer, not from staff", async () => {
    const { id, org, staff, customer } = await createApprovedRequest();
    const failedAt = new Date();
    await db.vpnRequest.update({
      where: { id },
      data: { status: "FAILED", failedStep: "create-vpc", failureMessage: AWS_TEXT, failedAt },
    });
    await db.provisioningStep.create({
      data: {
        requestId: id,
        workflow: "PROVISION",
        name: "create-vpc",
        position: 2,
        status: "FAILED",
        lastError: AWS_TEXT,
      },
    });
    await db.auditEvent.create({
      data: {
        actorId: null,
        actorEmail: "system",
        action: "vpn-request.provisioning-failed",
        targetType: "VpnRequest",
        targetId: id,
        organizationId: org.id,
        details: { step: "create-vpc", message: AWS_TEXT },
      },
    });
    const customerScope = { kind: "organization", organizationId: org.id } as const;

    const customerHistory = await findRequestHistory(id, { customer: true });
    expect(customerHistory.map((event) => event.actorEmail)).toContain("Platform support");
    // The organization's own members stay named (the submitter).
    expect(customerHistory[0]?.actorEmail).toBe(customer.email);
    expect(JSON.stringify(customerHistory)).not.toContain(staff.email);
    expect(JSON.stringify(customerHistory)).not.toContain("arn:aws");
    const staffHistory = await findRequestHistory(id, { customer: false });
    expect(staffHistory.map((event) => event.actorEmail)).toContain(staff.email);

    const forCustomer = await findVpnRequest(id, customerScope);
    const forStaff = await findVpnRequest(id, { kind: "staff" });
    const reference = forCustomer?.failureMessage?.match(/F-[0-9A-F]{8}/)?.[0];
    expect(reference).toBeDefined();
    expect(forCustomer?.failureMessage).not.toMatch(/arn:|123456789012|Unauthorized/);
    expect(forStaff?.failureMessage).toBe(`${reference}: ${AWS_TEXT}`);

    const progress = await findWorkflowProgress(id, customerViewer(customer));
    expect(JSON.stringify(progress)).not.toMatch(/arn:|123456789012/);
    expect(JSON.stringify(progress)).toContain(reference);
    const staffProgress = await findWorkflowProgress(id, staffViewer(staff));
    expect(JSON.stringify(staffProgress)).toContain("arn:aws");
  });
});
