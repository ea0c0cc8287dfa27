// The request page's plain reads (decision 027) answer what the Prisma queries they replaced
// answered: the request with its organization and tunnels (sealed keys left out), its audit trail
// as a customer and as staff read it, and its workflow's steps — on a BGP request with both tunnels,
// maintenance pending and every optional timestamp set, and on a fresh one without tunnels.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";
import {
  createOrganization,
  createRequestRow,
  createUser,
  customerViewer,
  staffViewer,
} from "@/test/support/factories";
import { findRequestPage } from "./find-request-page";
import { findRequestHistory, findVpnRequest } from "./find-vpn-requests";

const at = (iso: string) => new Date(iso);

async function seedRequest() {
  const org = await createOrganization("TEAM", true);
  const customer = await createUser("CUSTOMER", org.id);
  const staff = await createUser("SUPPORT", null);
  const request = await createRequestRow(org.id, customer.id, {
    routing: "BGP",
    bgpAsn: 4_200_000_000n,
    subnetRanges: [],
    advertisedNetworks: ["10.1.0.0/16", "10.2.0.0/16"],
    status: "ACTIVE",
    approvedById: staff.id,
    approvedAt: at("2026-06-01T10:00:00.001Z"),
    vpnConnectionId: "vpn-0123456789abcdef0",
    platformVpcCidr: "10.200.0.0/24",
    platformAsn: 64512,
    lastPolledAt: at("2026-06-02T10:00:00Z"),
    failureMessage: "arn:aws:iam::123456789012 is not authorized",
    failedAt: at("2026-06-01T09:00:00.999Z"),
    redundancyAlerted: true,
  });
  for (const number of [1, 2]) {
    await db.tunnel.create({
      data: {
        requestId: request.id,
        number,
        outsideIp: `203.0.113.${number}`,
        insideCidr: `169.254.10.${number * 4}/30`,
        pskEncrypted: "sealed-secret",
        pendingPskEncrypted: number === 2 ? "sealed-pending" : null,
        status: number === 1 ? "UP" : "DOWN",
        statusMessage: number === 1 ? null : "IPSEC IS DOWN",
        statusSince: at("2026-06-02T09:59:59.5Z"),
        acceptedRouteCount: number === 1 ? 3 : 0,
        maintenancePending: number === 2 ? "ENDPOINT_MAINTENANCE" : null,
        maintenanceDeadline: number === 2 ? at("2026-06-09T00:00:00Z") : null,
      },
    });
  }
  return { org, customer, staff, request };
}

/** The provisioning workflow's create-vpc step of the request, as the workflow would have left it. */
function createVpcStep(
  requestId: string,
  data: Omit<Prisma.ProvisioningStepUncheckedCreateInput, "requestId" | "workflow" | "name" | "position">,
) {
  return db.provisioningStep.create({
    data: { requestId, workflow: "PROVISION", name: "create-vpc", position: 1, ...data },
  });
}

describe("the request page's plain reads", () => {
  it("findVpnRequest reads what Prisma's findFirst with the organization and tunnels read", async () => {
    const { org, request } = await seedRequest();
    const bare = await createRequestRow(org.id, request.submittedById);
    for (const id of [request.id, bare.id]) {
      const expected = await db.vpnRequest.findFirst({
        where: { id },
        include: {
          organization: { select: { id: true, name: true, plan: true, vpnAddOn: true } },
          tunnels: { orderBy: { number: "asc" } },
        },
      });
      if (!expected) throw new Error("seeded request not found");
      const read = await findVpnRequest(id, { kind: "staff" });
      const { failureMessage, ...rest } = read ?? { failureMessage: null };
      const { failureMessage: _storedFailure, ...expectedRest } = expected;
      expect(rest).toEqual({
        ...expectedRest,
        bgpAsn: expected.bgpAsn === null ? null : Number(expected.bgpAsn),
      });
      expect(JSON.stringify(read)).not.toContain("sealed");
      if (expected.failureMessage) expect(failureMessage).toMatch(/^F-[0-9A-F]{8}: arn:aws/);
    }
  });

  it("findVpnRequest keeps a request to its organization", async () => {
    const { org, request } = await seedRequest();
    const other = await createOrganization();
    expect((await findVpnRequest(request.id, { kind: "organization", organizationId: org.id }))?.id).toBe(
      request.id,
    );
    expect(await findVpnRequest(request.id, { kind: "organization", organizationId: other.id })).toBeNull();
    expect(await findVpnRequest(randomUUID(), { kind: "staff" })).toBeNull();
    expect(await findVpnRequest("not-a-uuid", { kind: "staff" })).toBeNull();
  });

  it("findRequestHistory names colleagues to a customer, staff and the departed as Platform support", async () => {
    const { org, customer, staff, request } = await seedRequest();
    const departed = await createUser("CUSTOMER", org.id);
    const event = (actorId: string | null, actorEmail: string | null, action: string, seconds: number) =>
      db.auditEvent.create({
        data: {
          actorId,
          actorEmail,
          action,
          targetType: "VpnRequest",
          targetId: request.id,
          organizationId: org.id,
          details: { seconds },
          createdAt: new Date(Date.UTC(2026, 5, 1, 10, 0, seconds)),
        },
      });
    await event(customer.id, customer.email, "vpn-request.submitted", 1);
    await event(staff.id, staff.email, "vpn-request.approved", 2);
    await event(null, "system", "vpn-request.provisioned", 3);
    await event(departed.id, departed.email, "vpn-change.requested", 4);
    await db.user.delete({ where: { id: departed.id } });

    const asCustomer = await findRequestHistory(request.id, { customer: true });
    expect(asCustomer.map((row) => [row.action, row.actorEmail, row.details])).toEqual([
      ["vpn-request.submitted", customer.email, null],
      ["vpn-request.approved", "Platform support", null],
      ["vpn-request.provisioned", "system", null],
      ["vpn-change.requested", "Platform support", null],
    ]);
    const asStaff = await findRequestHistory(request.id, { customer: false });
    expect(asStaff.map((row) => row.actorEmail)).toEqual([
      customer.email,
      staff.email,
      "system",
      departed.email,
    ]);
    expect(asStaff[1]?.details).toEqual({ seconds: 2 });
    expect(asStaff[3]?.createdAt).toEqual(new Date(Date.UTC(2026, 5, 1, 10, 0, 4)));
  });

  it("findWorkflowProgress reads the steps' timestamps as stored, within the viewer's scope", async () => {
    const { org, customer, staff, request } = await seedRequest();
    const startedAt = at("2026-06-01T10:00:01.123Z");
    const finishedAt = at("2026-06-01T10:00:09.456Z");
    await db.vpnRequest.update({ where: { id: request.id }, data: { status: "PROVISIONING" } });
    await createVpcStep(request.id, {
      status: "DONE",
      attempts: 2,
      startedAt,
      finishedAt,
      output: { vpcId: "vpc-0abc" },
    });
    const progress = await findWorkflowProgress(request.id, staffViewer(staff));
    const step = progress?.steps.find((row) => row.name === "create-vpc");
    expect(step).toMatchObject({
      state: "done",
      attempts: 2,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      details: { vpcId: "vpc-0abc" },
    });
    expect(progress?.startedAt).toBe(startedAt.toISOString());
    expect((await findWorkflowProgress(request.id, customerViewer(customer)))?.workflow).toBe("PROVISION");
    const stranger = await createUser("CUSTOMER", (await createOrganization()).id);
    expect(await findWorkflowProgress(request.id, customerViewer(stranger))).toBeNull();
    expect(org.id).toBe(request.organizationId);
  });

  it("findRequestPage reads in one statement what the three reads read, for the customer and for staff", async () => {
    const { org, customer, staff, request } = await seedRequest();
    await db.auditEvent.create({
      data: {
        actorId: staff.id,
        actorEmail: staff.email,
        action: "vpn-request.approved",
        targetType: "VpnRequest",
        targetId: request.id,
        organizationId: org.id,
        details: { note: "arn:aws:iam::123456789012" },
      },
    });
    await createVpcStep(request.id, { status: "FAILED", lastError: "arn:aws:x" });
    for (const viewer of [customerViewer(customer), staffViewer(staff)]) {
      const page = await findRequestPage(request.id, viewer);
      expect(page?.request).toEqual(await findVpnRequest(request.id, viewer.scope));
      expect(page?.history).toEqual(
        await findRequestHistory(request.id, { customer: viewer.role === "CUSTOMER" }),
      );
      expect(page?.progress).toEqual(await findWorkflowProgress(request.id, viewer));
    }
    const stranger = await createUser("CUSTOMER", (await createOrganization()).id);
    expect(await findRequestPage(request.id, customerViewer(stranger))).toBeNull();
    expect(await findRequestPage("not-a-uuid", staffViewer(staff))).toBeNull();
  });
});
