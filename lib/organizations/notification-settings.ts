import "server-only";
import {
  sendAlertEmailConfirmations,
  syncAlertEmailConfirmations,
} from "@/lib/alerts/alert-email-confirmation";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { actorOf, type CustomerViewer, type OrganizationScope } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UserFacingError } from "@/lib/errors";
import type {
  NotificationSettingsInput,
  NotificationSettingsRules,
} from "@/lib/organizations/notification-settings-schema";
import { sealWebhookSecret } from "@/lib/organizations/webhook-secret";

export function getNotificationSettingsRules(): NotificationSettingsRules {
  return { allowLocalWebhooks: getEnv().ALLOW_LOCAL_WEBHOOKS };
}

export type NotificationSettingsView = {
  notificationEmails: string[];
  webhookUrl: string | null;
  /** The secret is never shown back: only whether one is set and its last four characters. */
  webhookSecretHint: string | null;
};

export async function findNotificationSettings({
  organizationId,
}: OrganizationScope): Promise<NotificationSettingsView> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: {
      notificationEmails: true,
      webhookUrl: true,
      webhookSecretEncrypted: true,
      webhookSecretLast4: true,
    },
  });
  // The last four characters are stored when the secret is saved: showing them decrypts nothing.
  const hint = !org.webhookSecretEncrypted
    ? null
    : org.webhookSecretLast4
      ? `…${org.webhookSecretLast4}`
      : "(set before hints were stored; set it again to see its last characters)";
  return { notificationEmails: org.notificationEmails, webhookUrl: org.webhookUrl, webhookSecretHint: hint };
}

/**
 * Saves where the organization's alerts go. A blank secret keeps the stored one; a webhook URL
 * needs a secret (receivers check the signature with it); removing the URL removes the secret.
 */
export async function updateNotificationSettings(
  viewer: CustomerViewer,
  input: NotificationSettingsInput,
): Promise<void> {
  const { organizationId } = viewer;
  const added = await db.$transaction(async (tx) => {
    const current = await tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { webhookSecretEncrypted: true },
    });
    if (input.webhookUrl && !input.webhookSecret && !current.webhookSecretEncrypted) {
      throw new UserFacingError(
        "Set a signing secret: your receiver checks each webhook's signature with it.",
        "webhookSecret",
      );
    }
    const webhookSecretEncrypted = !input.webhookUrl
      ? null
      : input.webhookSecret
        ? sealWebhookSecret(organizationId, input.webhookSecret)
        : current.webhookSecretEncrypted;
    await tx.organization.update({
      where: { id: organizationId },
      data: {
        notificationEmails: input.notificationEmails,
        webhookUrl: input.webhookUrl,
        webhookSecretEncrypted,
        ...(!input.webhookUrl
          ? { webhookSecretLast4: null }
          : input.webhookSecret
            ? { webhookSecretLast4: input.webhookSecret.slice(-4) }
            : {}),
      },
    });
    await recordAuditEvent(
      {
        actor: actorOf(viewer),
        action: "organization.notifications-updated",
        targetType: "Organization",
        targetId: organizationId,
        organizationId,
        // Never the secret: whether it changed is enough for the trail.
        details: {
          emails: input.notificationEmails.length,
          webhookHost: input.webhookUrl ? new URL(input.webhookUrl).host : null,
          secretChanged:
            Boolean(input.webhookSecret) || (!input.webhookUrl && Boolean(current.webhookSecretEncrypted)),
        },
      },
      tx,
    );
    // New addresses get a confirmation link; alerts reach them once it is opened (issue 10).
    return syncAlertEmailConfirmations(tx, organizationId, input.notificationEmails);
  });
  await sendAlertEmailConfirmations(organizationId, added);
}
