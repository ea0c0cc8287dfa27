// Alert settings on the real database: the webhook secret is sealed, never selected by default,
// kept when left blank, required with a URL, and removed with the URL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverAlert } from "@/lib/alerts/deliver-alert";
import { sendTestAlert } from "@/lib/alerts/send-test-alert";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { stopBoss } from "@/lib/queue/boss";
import { createOrganization, createUser } from "@/test/support/factories";
import { type MailCatcher, startMailCatcher } from "@/test/support/mail-catcher";
import { setTestEnv } from "@/test/support/test-env";
import { findNotificationSettings, updateNotificationSettings } from "./notification-settings";

let catcher: MailCatcher;
beforeAll(async () => {
  catcher = await startMailCatcher();
  setTestEnv({ SMTP_URL: `smtp://127.0.0.1:${catcher.smtpPort}` });
});
afterAll(async () => {
  await stopBoss();
  await catcher?.close();
});

describe("notification settings", () => {
  it("seals the secret, hides it by default, keeps it when left blank and drops it with the URL", async () => {
    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    const actor = { id: user.id, email: user.email };
    const url = "https://hooks.example.com/vpn";

    await expect(
      updateNotificationSettings(
        org.id,
        { notificationEmails: [], webhookUrl: url, webhookSecret: null },
        actor,
      ),
    ).rejects.toThrow(UserFacingError);

    await updateNotificationSettings(
      org.id,
      { notificationEmails: ["ops@example.test"], webhookUrl: url, webhookSecret: "s3cret-value-0123456789" },
      actor,
    );
    const plain = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(plain).not.toHaveProperty("webhookSecretEncrypted");
    const sealed = await db.organization.findUniqueOrThrow({
      where: { id: org.id },
      omit: { webhookSecretEncrypted: false },
    });
    expect(sealed.webhookSecretEncrypted).toBeTruthy();
    expect(sealed.webhookSecretEncrypted).not.toContain("s3cret-value");
    expect(await findNotificationSettings(org.id)).toEqual({
      notificationEmails: ["ops@example.test"],
      webhookUrl: url,
      webhookSecretHint: "…6789",
    });

    await updateNotificationSettings(
      org.id,
      { notificationEmails: ["ops@example.test"], webhookUrl: url, webhookSecret: null },
      actor,
    );
    expect((await findNotificationSettings(org.id)).webhookSecretHint).toBe("…6789");

    await updateNotificationSettings(
      org.id,
      { notificationEmails: [], webhookUrl: null, webhookSecret: null },
      actor,
    );
    expect(await findNotificationSettings(org.id)).toEqual({
      notificationEmails: [],
      webhookUrl: null,
      webhookSecretHint: null,
    });
    const audit = await db.auditEvent.findMany({
      where: { targetId: org.id, action: "organization.notifications-updated" },
    });
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain("s3cret-value");
  });

  it("sends a test alert to the saved addresses, and says what to do when there are none", async () => {
    const org = await createOrganization();
    const user = await createUser("CUSTOMER", org.id);
    await expect(sendTestAlert(org.id)).rejects.toThrow(/Add an email address or a webhook URL/);
    await updateNotificationSettings(
      org.id,
      { notificationEmails: ["test-alert@example.test"], webhookUrl: null, webhookSecret: null },
      { id: user.id, email: user.email },
    );
    expect(await sendTestAlert(org.id)).toEqual({ channels: 1 });
    const [delivery] = await db.alertDelivery.findMany({ where: { organizationId: org.id } });
    expect(await deliverAlert(delivery?.id ?? "")).toBe("delivered");
    expect(catcher.messages.at(-1)).toMatchObject({
      envelopeTo: ["test-alert@example.test"],
      subject: `[VPN] Test alert for ${org.name}`,
    });
  });
});
