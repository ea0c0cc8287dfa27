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
  audience: "customer",
  schema: () => makeNotificationSettingsSchema(getNotificationSettingsRules()),
  async handler(input, { viewer }) {
    await updateNotificationSettings(viewer, input);
    revalidatePath("/settings");
    return { ok: true, message: "Saved. Alerts go to these destinations from now on." };
  },
});

export const sendTestAlertAction = authenticatedAction({
  name: "sendTestAlert",
  audience: "customer",
  schema: z.object({}),
  async handler(_input, { viewer }) {
    const { channels } = await sendTestAlert(viewer.scope);
    revalidatePath("/settings");
    return {
      ok: true,
      message: `Test alert queued to ${channels} destination(s); see the delivery log below.`,
    };
  },
});
