// Administration on a real PostgreSQL (issue 14): entitlement changes that hold at once and are
// audited before/after, invitations through real SMTP (the local mail catcher) that set a password
// once, deactivation, supported regions from the database, the auto-approval policy through the
// one status writer, and capacity counted from the requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCapacity } from "@/lib/admin/find-capacity";
import { getPlatformSettings, updatePlatformSettings } from "@/lib/admin/platform-settings";
import { verifyPassword } from "@/lib/auth/password";
import { actorOf, viewerOf } from "@/lib/auth/viewer";
import { db, disconnectDb } from "@/lib/db";
import { findOrganizationEntitlement } from "@/lib/organizations/find-organization-entitlement";
import { organizationSchema } from "@/lib/organizations/organization-schema";
import { createOrganization, updateOrganization } from "@/lib/organizations/save-organization";
import { acceptInvitation, findInvitation } from "@/lib/users/accept-invitation";
import { inviteUser, resendInvitation } from "@/lib/users/invite-user";
import { setUserActive } from "@/lib/users/set-user-active";
import { updateUser } from "@/lib/users/update-user";
import { inviteUserSchema } from "@/lib/users/user-schema";
import { applyApprovalPolicy } from "@/lib/vpn-request/apply-approval-policy";
import { createVpnRequest } from "@/lib/vpn-request/create-vpn-request";
import { approveVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";
import { makeVpnRequestSchema } from "@/lib/vpn-request/schema";
import { createRequestRow, createUser, customerViewer, staffViewer } from "@/test/support/factories";
import { type MailCatcher, startMailCatcher } from "@/test/support/mail-catcher";
import type { TestDatabase } from "@/test/support/test-database";
import { setTestEnv, startIsolatedDatabase } from "@/test/support/test-env";

let database: TestDatabase;
let catcher: MailCatcher;
const PORTAL = "http://portal.test:3000";

beforeAll(async () => {
  // A database of its own: capacity and platform settings look at every row.
  database = await startIsolatedDatabase();
  catcher = await startMailCatcher();
  setTestEnv({ SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}`, SUPPORTED_REGIONS: "us-west-2,eu-west-1" });
});

afterAll(async () => {
  await catcher?.close();
  await disconnectDb();
  await database?.stop();
});

async function admin() {
  const user = await createUser("ADMIN", null);
  return { user, viewer: staffViewer(user) };
}

function requestInput(
  orgId: string,
  gatewayIp: string,
  settings: Awaited<ReturnType<typeof getRequestSettings>>,
) {
  return makeVpnRequestSchema({ ...settings, expectedOrgId: orgId }).parse({
    customerName: `Site ${gatewayIp}`,
    orgId,
    location: "ie-dub",
    region: "eu-west-1",
    customerGatewayIp: gatewayIp,
    routing: "STATIC",
    subnetRanges: "10.0.0.0/8",
    bgpAsn: "",
    advertisedNetworks: "",
    ikeVersion: "IKEV2",
    tunnelCount: "2",
  });
}

function linkIn(text: string): string {
  const match = text.match(/https?:\/\/\S+\/invitations\/([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no invitation link in: ${text}`);
  return match[1];
}

describe("organizations", () => {
  it("turning the add-on on and off holds at once for the organization's users, audited before/after", async () => {
    const { viewer } = await admin();
    const input = organizationSchema.parse({ name: "Initech Test", plan: "TEAM" });
    const { id } = await createOrganization(input, actorOf(viewer));
    const customer = customerViewer(await createUser("CUSTOMER", id));
    const settings = await getRequestSettings();
    expect((await findOrganizationEntitlement(id)).entitled).toBe(false);
    await expect(
      createVpnRequest(requestInput(id, "198.51.100.61", settings), customer, settings),
    ).rejects.toThrow(/add-on/);

    await updateOrganization(id, { ...input, vpnAddOn: true }, actorOf(viewer));
    expect((await findOrganizationEntitlement(id)).entitled).toBe(true);
    await expect(
      createVpnRequest(requestInput(id, "198.51.100.61", settings), customer, settings),
    ).resolves.toHaveProperty("id");

    await updateOrganization(id, { ...input, vpnAddOn: false }, actorOf(viewer));
    await expect(
      createVpnRequest(requestInput(id, "198.51.100.62", settings), customer, settings),
    ).rejects.toThrow(/add-on/);

    const events = await db.auditEvent.findMany({
      where: { targetType: "Organization", targetId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => event.action)).toEqual([
      "organization.created",
      "organization.updated",
      "organization.updated",
    ]);
    expect(events[1]?.details).toEqual({
      before: { name: "Initech Test", plan: "TEAM", vpnAddOn: false },
      after: { name: "Initech Test", plan: "TEAM", vpnAddOn: true },
    });
    expect(events[1]?.actorEmail).toBe(viewer.email);
  });
});

describe("invitations", () => {
  it("e-mails a single-use link that sets the password; only the token's hash is stored", async () => {
    const { viewer } = await admin();
    const email = `invitee-${Date.now()}@example.test`;
    const input = inviteUserSchema.parse({ email, name: "Ivy Invitee", role: "SUPPORT", organizationId: "" });
    const { userId } = await inviteUser(input, actorOf(viewer), PORTAL);

    const mail = catcher.messages.find((message) => message.envelopeTo.includes(email));
    expect(mail?.text).toContain(`${PORTAL}/invitations/`);
    const token = linkIn(mail?.text ?? "");
    const stored = await db.userInvitation.findFirstOrThrow({ where: { userId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await findInvitation(token)).toMatchObject({ state: "valid", email });

    await acceptInvitation(token, "a-long-enough-password");
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } });
    expect(await verifyPassword("a-long-enough-password", user.passwordHash)).toBe(true);

    await expect(acceptInvitation(token, "another-long-password")).rejects.toThrow(/already been used/);
    expect((await findInvitation(token)).state).toBe("used");
    const audit = await db.auditEvent.findMany({ where: { targetType: "User", targetId: userId } });
    expect(audit.map((event) => event.action).sort()).toEqual(["user.invitation-accepted", "user.invited"]);
  });

  it("refuses an expired link, and a new link replaces the old one", async () => {
    const { viewer } = await admin();
    const email = `late-${Date.now()}@example.test`;
    const { userId } = await inviteUser(
      inviteUserSchema.parse({ email, name: "Lee Late", role: "SUPPORT", organizationId: "" }),
      actorOf(viewer),
      PORTAL,
    );
    const first = linkIn(catcher.messages.filter((m) => m.envelopeTo.includes(email)).at(-1)?.text ?? "");
    await db.userInvitation.updateMany({
      where: { userId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await findInvitation(first)).state).toBe("expired");
    await expect(acceptInvitation(first, "a-long-enough-password")).rejects.toThrow(/expired/);

    await resendInvitation(userId, actorOf(viewer), PORTAL);
    const second = linkIn(catcher.messages.filter((m) => m.envelopeTo.includes(email)).at(-1)?.text ?? "");
    expect(second).not.toBe(first);
    expect((await findInvitation(first)).state).toBe("unknown");
    await expect(acceptInvitation(second, "a-long-enough-password")).resolves.toEqual({ email });
  });

  it("refuses an e-mail that already has an account, on the Email field", async () => {
    const { viewer } = await admin();
    const existing = await createUser("SUPPORT", null);
    await expect(
      inviteUser(
        inviteUserSchema.parse({ email: existing.email, name: "Dup", role: "SUPPORT", organizationId: "" }),
        actorOf(viewer),
        PORTAL,
      ),
    ).rejects.toMatchObject({ field: "email" });
  });

  it("needs an organization for a customer and none for staff", () => {
    expect(
      inviteUserSchema.safeParse({ email: "a@b.test", name: "A", role: "CUSTOMER", organizationId: "" })
        .success,
    ).toBe(false);
    expect(
      inviteUserSchema.safeParse({
        email: "a@b.test",
        name: "A",
        role: "SUPPORT",
        organizationId: "5b0f8a52-5c1e-4d7a-9a43-0e1c2d3b4a01",
      }).success,
    ).toBe(false);
  });
});

describe("users", () => {
  it("a deactivated user is no viewer (open sessions end); reactivation restores them; both audited", async () => {
    const { viewer } = await admin();
    const user = await createUser("SUPPORT", null);
    await setUserActive(user.id, false, actorOf(viewer));
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.deactivatedAt).not.toBeNull();
    expect(viewerOf(row)).toBeNull();
    await setUserActive(user.id, true, actorOf(viewer));
    expect(viewerOf(await db.user.findUniqueOrThrow({ where: { id: user.id } }))?.role).toBe("SUPPORT");
    const audit = await db.auditEvent.findMany({ where: { targetType: "User", targetId: user.id } });
    expect(audit.map((event) => event.action).sort()).toEqual(["user.deactivated", "user.reactivated"]);
  });

  it("an admin cannot deactivate or demote themselves", async () => {
    const { user, viewer } = await admin();
    await expect(setUserActive(user.id, false, actorOf(viewer))).rejects.toThrow(/yourself/);
    await expect(
      updateUser({ userId: user.id, role: "SUPPORT", organizationId: null }, actorOf(viewer)),
    ).rejects.toThrow(/your own admin role/);
  });
});

describe("platform settings", () => {
  it("supported regions default to SUPPORTED_REGIONS, then come from the database", async () => {
    expect((await getRequestSettings()).supportedRegions).toEqual(["us-west-2", "eu-west-1"]);
    const { viewer } = await admin();
    await updatePlatformSettings(
      { supportedRegions: ["eu-west-1", "eu-west-2"], autoApproveKnownEnterpriseGateways: false },
      actorOf(viewer),
    );
    expect((await getRequestSettings()).supportedRegions).toEqual(["eu-west-1", "eu-west-2"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "platform-settings.updated" } });
    expect(audit.details).toMatchObject({
      before: { supportedRegions: ["us-west-2", "eu-west-1"] },
      after: { supportedRegions: ["eu-west-1", "eu-west-2"] },
    });
  });

  it("the policy approves an Enterprise request from a gateway approved before, as the system, audited by policy", async () => {
    const { viewer } = await admin();
    const settings = await getRequestSettings();
    const enterprise = await createOrganization(
      organizationSchema.parse({ name: "Policy Ent", plan: "ENTERPRISE" }),
      actorOf(viewer),
    );
    const team = await createOrganization(
      organizationSchema.parse({ name: "Policy Team", plan: "TEAM", vpnAddOn: "on" }),
      actorOf(viewer),
    );
    const erin = customerViewer(await createUser("CUSTOMER", enterprise.id));
    const tom = customerViewer(await createUser("CUSTOMER", team.id));
    const support = staffViewer(await createUser("SUPPORT", null));

    const first = await createVpnRequest(
      requestInput(enterprise.id, "198.51.100.71", settings),
      erin,
      settings,
    );
    const teamFirst = await createVpnRequest(requestInput(team.id, "198.51.100.72", settings), tom, settings);
    await approveVpnRequest(first.id, support);
    await approveVpnRequest(teamFirst.id, support);

    // Off: nothing is approved by policy.
    const beforeEnabled = await createVpnRequest(
      requestInput(enterprise.id, "198.51.100.71", settings),
      erin,
      settings,
    );
    expect(await applyApprovalPolicy(beforeEnabled.id)).toBe(false);

    await updatePlatformSettings(
      { ...(await getPlatformSettings()), autoApproveKnownEnterpriseGateways: true },
      actorOf(viewer),
    );
    const known = await createVpnRequest(
      requestInput(enterprise.id, "198.51.100.71", settings),
      erin,
      settings,
    );
    const unknown = await createVpnRequest(
      requestInput(enterprise.id, "198.51.100.73", settings),
      erin,
      settings,
    );
    const teamKnown = await createVpnRequest(requestInput(team.id, "198.51.100.72", settings), tom, settings);
    expect(await applyApprovalPolicy(known.id)).toBe(true);
    expect(await applyApprovalPolicy(unknown.id)).toBe(false);
    expect(await applyApprovalPolicy(teamKnown.id)).toBe(false);

    const approved = await db.vpnRequest.findUniqueOrThrow({ where: { id: known.id } });
    expect(approved).toMatchObject({
      status: "APPROVED",
      approvedById: null,
      approvedByPolicy: "enterprise-known-gateway",
    });
    const event = await db.auditEvent.findFirstOrThrow({
      where: { targetId: known.id, action: "vpn-request.approved" },
    });
    expect(event).toMatchObject({ actorId: null, actorEmail: "system" });
    expect(event.details).toMatchObject({
      from: "PENDING_APPROVAL",
      to: "APPROVED",
      byPolicy: "enterprise-known-gateway",
    });
    // Applying it again changes nothing (the compare-and-set sees APPROVED).
    expect(await applyApprovalPolicy(known.id)).toBe(false);
    expect((await db.vpnRequest.findUniqueOrThrow({ where: { id: unknown.id } })).status).toBe(
      "PENDING_APPROVAL",
    );
  });
});

describe("capacity", () => {
  it("counts the requests holding resources per region against AWS's default quotas, warning from 80 %", async () => {
    const org = await createOrganization(
      organizationSchema.parse({ name: "Capacity Ent", plan: "ENTERPRISE" }),
      {
        id: null,
        email: "system",
      },
    );
    const submitter = await createUser("CUSTOMER", org.id);
    const statuses = [
      "ACTIVE",
      "ACTIVE",
      "DOWN",
      "FAILED",
      "DECOMMISSIONED",
      "PENDING_APPROVAL",
      "REJECTED",
    ] as const;
    for (const [index, status] of statuses.entries()) {
      await createRequestRow(org.id, submitter.id, {
        customerName: `Capacity ${index}`,
        location: "de-fra",
        region: "eu-central-1",
        recommendedRegion: "eu-central-1",
        estimatedRttMs: 2,
        customerGatewayIp: `198.51.100.${100 + index}`,
        advertisedNetworks: [],
        status,
      });
    }
    const rows = await findCapacity();
    const row = rows.find((candidate) => candidate.region === "eu-central-1");
    // Four hold resources (ACTIVE ×2, DOWN, FAILED); decommissioned, pending and rejected do not.
    expect(row?.resources.VPC).toEqual({ used: 4, quota: 5, warning: true });
    expect(row?.resources.VPN).toEqual({ used: 4, quota: 50, warning: false });
    expect(row?.warnings).toEqual(["VPC", "VGW", "EIP", "NAT"]);
    // A supported region with nothing in it still has its row.
    expect(rows.find((candidate) => candidate.region === "eu-west-2")?.resources.VGW).toEqual({
      used: 0,
      quota: 5,
      warning: false,
    });
  });
});
