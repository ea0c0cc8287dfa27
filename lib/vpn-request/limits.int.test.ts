// Per-organization limits (issue 10): open requests, and "send test alert" clicks.
import { afterAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";

setTestEnv({ MAX_OPEN_REQUESTS_PER_ORGANIZATION: "3", TEST_ALERTS_PER_HOUR: "2" });

const { db } = await import("@/lib/db");
const { stopBoss } = await import("@/lib/queue/boss");
const { sendTestAlert } = await import("@/lib/alerts/send-test-alert");
const { createVpnRequest } = await import("./create-vpn-request");
const { cancelVpnRequest } = await import("./decide-vpn-request");
const { createOrganization, createUser, customerViewer } = await import("@/test/support/factories");
const { updateNotificationSettings } = await import("@/lib/organizations/notification-settings");
const { confirmPendingAlertEmails } = await import("@/test/support/alert-emails");

afterAll(async () => {
  await stopBoss();
});

const settings = { allowDocumentationIps: true, supportedRegions: ["eu-west-1"], platformAsn: 64512 };
const input = (orgId: string) => ({
  customerName: "Limit site",
  orgId,
  location: "ie-dub",
  region: "eu-west-1",
  customerGatewayIp: "198.51.100.90",
  routing: "STATIC" as const,
  subnetRanges: ["10.90.0.0/16"],
  bgpAsn: null,
  advertisedNetworks: [],
  ikeVersion: "IKEV2" as const,
  tunnelCount: 2 as const,
});

describe("per-organization limits", () => {
  it("refuses a request beyond the open-request limit with a clear message, until one closes", async () => {
    const org = await createOrganization();
    const customer = await createUser("CUSTOMER", org.id);
    const actor = customerViewer(customer);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createVpnRequest(input(org.id), actor, settings)).id);
    await expect(createVpnRequest(input(org.id), actor, settings)).rejects.toThrow(
      /already has 3 open VPN requests.*\(3\)\. Cancel or decommission/,
    );
    await cancelVpnRequest(ids[0] as string, actor);
    await expect(createVpnRequest(input(org.id), actor, settings)).resolves.toMatchObject({
      id: expect.any(String),
    });
    // Another organization is unaffected.
    const other = await createOrganization();
    const otherCustomer = await createUser("CUSTOMER", other.id);
    await expect(
      createVpnRequest(
        input(other.id),
        { id: otherCustomer.id, email: otherCustomer.email, organizationId: other.id },
        settings,
      ),
    ).resolves.toBeDefined();
  });

  it("limits test alerts per organization per hour", async () => {
    const [first, second] = [await createOrganization(), await createOrganization()];
    for (const org of [first, second]) {
      const customer = await createUser("CUSTOMER", org.id);
      await updateNotificationSettings(customerViewer(customer), {
        notificationEmails: ["noc@example.test"],
        webhookUrl: null,
        webhookSecret: null,
      });
      await confirmPendingAlertEmails(org.id);
    }
    await sendTestAlert({ kind: "organization", organizationId: first.id });
    await sendTestAlert({ kind: "organization", organizationId: first.id });
    await expect(sendTestAlert({ kind: "organization", organizationId: first.id })).rejects.toThrow(
      /At most 2 test alerts an hour/,
    );
    await expect(sendTestAlert({ kind: "organization", organizationId: second.id })).resolves.toEqual({
      channels: 1,
    });
    expect(await db.alertDelivery.count({ where: { organizationId: first.id, kind: "test" } })).toBe(2);
  });
});
