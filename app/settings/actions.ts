"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { sendTestAlert } from "@/lib/alerts/send-test-alert";
import {
  getNotificationSettingsRules,
  updateNotificationSettings,
} from "@/lib/organizations/notification-settings";
import { makeNotificationSettingsSchema } from "@/lib/organizations/notification-settings-schema";

export const updateNotificationSettingsAction = authenticatedAction({
  name: "updateNotificationSettings",
  roles: ["CUSTOMER"],
  schema: () => makeNotificationSettingsSchema(getNotificationSettingsRules()),
  async handler(input, { user }) {
    if (!user.organizationId) return { ok: false, message: "Your account has no organization." };
    await updateNotificationSettings(user.organizationId, input, { id: user.id, email: user.email });
    revalidatePath("/settings");
    return { ok: true, message: "Saved. Alerts go to these destinations from now on." };
  },
});

export const sendTestAlertAction = authenticatedAction({
  name: "sendTestAlert",
  roles: ["CUSTOMER"],
  schema: z.object({}),
  async handler(_input, { user }) {
    if (!user.organizationId) return { ok: false, message: "Your account has no organization." };
    const { channels } = await sendTestAlert(user.organizationId);
    revalidatePath("/settings");
    return {
      ok: true,
      message: `Test alert queued to ${channels} destination(s); see the delivery log below.`,
    };
  },
});
