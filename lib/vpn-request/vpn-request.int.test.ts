// The request lifecycle on a real PostgreSQL: filing, scoping, concurrent approval, audit.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { createOrganization, createUser, customerViewer, staffViewer } from "@/test/support/factories";
import { createVpnRequest } from "./create-vpn-request";
import { approveVpnRequest, cancelVpnRequest, rejectVpnRequest } from "./decide-vpn-request";
import { findOrganizationRequests, findRequestHistory, findVpnRequest } from "./find-vpn-requests";
import { makeVpnRequestSchema } from "./schema";

const settings = {
  allowDocumentationIps: true,
  supportedRegions: ["us-west-2", "eu-west-1", "ap-southeast-2"],
  platformAsn: 64512,
};

function validInput(orgId: string) {
  return makeVpnRequestSchema({ ...settings, expectedOrgId: orgId }).parse({
    customerName: "  Plant A  ",
    orgId,
    location: "gb-lon",
    region: "eu-west-1",
    customerGatewayIp: "198.51.100.7",
    routing: "STATIC",
    subnetRanges: "10.20.0.0/16\n172.20.8.0/22",
    bgpAsn: "",
    advertisedNetworks: "",
    ikeVersion: "IKEV2",
    tunnelCount: "2",
  });
}

async function customerWithRequest(plan: "ENTERPRISE" | "TEAM" = "ENTERPRISE", addOn = false) {
  const org = await createOrganization(plan, addOn);
  const customer = await createUser("CUSTOMER", org.id);
  const actor = customerViewer(customer);
  return { org, customer, actor };
}

describe("VPN requests on PostgreSQL", () => {
  it("files a request as pending with the recommendation and an audit event", async () => {
    const { org, actor } = await customerWithRequest();
    const { id } = await createVpnRequest(validInput(org.id), actor, settings);
    const request = await findVpnRequest(id, { kind: "organization", organizationId: org.id });
    expect(request).toMatchObject({
      status: "PENDING_APPROVAL",
      customerName: "Plant A",
      region: "eu-west-1",
      recommendedRegion: "eu-west-1",
      subnetRanges: ["10.20.0.0/16", "172.20.8.0/22"],
      bgpAsn: null,
    });
    const history = await findRequestHistory(id);
    expect(history.map((event) => [event.action, event.actorEmail])).toEqual([
      ["vpn-request.submitted", actor.email],
    ]);
  });

  it("refuses an organization without the VPN entitlement, on the server", async () => {
    const { org, actor } = await customerWithRequest("TEAM", false);
    await expect(createVpnRequest(validInput(org.id), actor, settings)).rejects.toThrow(/add-on/i);
    expect(await db.vpnRequest.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it("refuses an Org ID that is not the caller's organization", async () => {
    const { actor } = await customerWithRequest();
    const other = await createOrganization();
    const input = { ...validInput(other.id) };
    await expect(createVpnRequest(input, actor, settings)).rejects.toBeInstanceOf(UserFacingError);
  });

  it("keeps other organizations' requests out of reach", async () => {
    const owner = await customerWithRequest();
    const { id } = await createVpnRequest(validInput(owner.org.id), owner.actor, settings);
    const stranger = await customerWithRequest();
    expect(await findVpnRequest(id, { kind: "organization", organizationId: stranger.org.id })).toBeNull();
    expect((await findOrganizationRequests(stranger.actor.scope)).map((r) => r.id)).not.toContain(id);
    await expect(cancelVpnRequest(id, stranger.actor)).rejects.toBeInstanceOf(NotFoundError);
    expect(await findVpnRequest(id, { kind: "staff" })).not.toBeNull();
  });

  it("lets exactly one of two concurrent approvals win", async () => {
    const { org, actor } = await customerWithRequest();
    const { id } = await createVpnRequest(validInput(org.id), actor, settings);
    const [a, b] = await Promise.all([createUser("SUPPORT", null), createUser("ADMIN", null)]);
    const results = await Promise.allSettled([
      approveVpnRequest(id, staffViewer(a)),
      approveVpnRequest(id, staffViewer(b)),
    ]);
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const reason = (lost[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ConflictError);
    expect(String(reason.message)).toMatch(/already Approved by/);
    const history = await findRequestHistory(id);
    expect(history.filter((event) => event.action === "vpn-request.approved")).toHaveLength(1);
    expect((await findVpnRequest(id, { kind: "staff" }))?.status).toBe("APPROVED");
  });

  it("records the rejection reason and refuses to cancel afterwards", async () => {
    const { org, actor } = await customerWithRequest();
    const { id } = await createVpnRequest(validInput(org.id), actor, settings);
    const staff = await createUser("SUPPORT", null);
    await rejectVpnRequest(id, "Gateway IP belongs to another customer; check it.", staffViewer(staff));
    const request = await findVpnRequest(id, { kind: "organization", organizationId: org.id });
    expect(request).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Gateway IP belongs to another customer; check it.",
    });
    await expect(cancelVpnRequest(id, actor)).rejects.toBeInstanceOf(ConflictError);
  });

  it("lets the customer cancel while pending", async () => {
    const { org, actor } = await customerWithRequest();
    const { id } = await createVpnRequest(validInput(org.id), actor, settings);
    await cancelVpnRequest(id, actor);
    expect((await findVpnRequest(id, { kind: "staff" }))?.status).toBe("CANCELLED");
  });
});
