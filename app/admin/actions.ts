"use server";

// Every administration action (DESIGN §11). Each is for admins only (audience "admin": support is
// refused and audited), parses with the schema its form uses, and calls the domain, which audits.

import { revalidatePath } from "next/cache";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { updatePlatformSettings } from "@/lib/admin/platform-settings";
import { platformSettingsSchema, readPlatformSettingsForm } from "@/lib/admin/platform-settings-schema";
import { actorOf } from "@/lib/auth/viewer";
import { awsAccountIdSchema, awsAccountSchema } from "@/lib/aws-accounts/aws-account-schema";
import { createAwsAccount, setAwsAccountEnabled } from "@/lib/aws-accounts/save-aws-account";
import { getEnv } from "@/lib/env";
import { organizationSchema, organizationUpdateSchema } from "@/lib/organizations/organization-schema";
import { createOrganization, updateOrganization } from "@/lib/organizations/save-organization";
import { inviteUser, resendInvitation } from "@/lib/users/invite-user";
import { resetSecondFactor } from "@/lib/users/reset-second-factor";
import { setUserActive } from "@/lib/users/set-user-active";
import { updateUser } from "@/lib/users/update-user";
import { inviteUserSchema, updateUserSchema, userIdSchema } from "@/lib/users/user-schema";

/**
 * Where invitation links point: the configured public address (never the request's Host header,
 * which a client chooses).
 */
async function portalUrl(): Promise<string> {
  return getEnv().PUBLIC_URL.replace(/\/$/, "");
}

export const createOrganizationAction = authenticatedAction({
  name: "organization.create",
  audience: "admin",
  schema: organizationSchema,
  async handler(input, { viewer }) {
    const { id } = await createOrganization(input, actorOf(viewer));
    revalidatePath("/admin/organizations");
    return { ok: true, redirectTo: `/admin/organizations/${id}?created=1` };
  },
});

export const updateOrganizationAction = authenticatedAction({
  name: "organization.update",
  audience: "admin",
  schema: organizationUpdateSchema,
  async handler({ organizationId, ...input }, { viewer }) {
    const { changed } = await updateOrganization(organizationId, input, actorOf(viewer));
    revalidatePath("/admin/organizations");
    revalidatePath(`/admin/organizations/${organizationId}`);
    return { ok: true, message: changed ? "Organization saved." : "Nothing changed." };
  },
});

export const inviteUserAction = authenticatedAction({
  name: "user.invite",
  audience: "admin",
  schema: inviteUserSchema,
  async handler(input, { viewer }) {
    await inviteUser(input, actorOf(viewer), await portalUrl());
    revalidatePath("/admin/users");
    return { ok: true, message: `Invitation sent to ${input.email}.` };
  },
});

export const resendInvitationAction = authenticatedAction({
  name: "user.resend-invitation",
  audience: "admin",
  schema: userIdSchema,
  async handler({ userId }, { viewer }) {
    await resendInvitation(userId, actorOf(viewer), await portalUrl());
    revalidatePath(`/admin/users/${userId}`);
    return { ok: true, message: "A new link was sent; earlier links no longer work." };
  },
});

export const updateUserAction = authenticatedAction({
  name: "user.update",
  audience: "admin",
  schema: updateUserSchema,
  async handler(input, { viewer }) {
    const { changed } = await updateUser(input, actorOf(viewer));
    revalidatePath("/admin/users");
    revalidatePath(`/admin/users/${input.userId}`);
    return { ok: true, message: changed ? "User saved." : "Nothing changed." };
  },
});

/** Deactivating and reactivating differ only in the state they set and what they say. */
function setUserActiveAction(active: boolean, name: string, message: string) {
  return authenticatedAction({
    name,
    audience: "admin",
    schema: userIdSchema,
    async handler({ userId }, { viewer }) {
      await setUserActive(userId, active, actorOf(viewer));
      revalidatePath("/admin/users");
      revalidatePath(`/admin/users/${userId}`);
      return { ok: true, message };
    },
  });
}

export const deactivateUserAction = setUserActiveAction(
  false,
  "user.deactivate",
  "Deactivated: the user is signed out on their next request.",
);

export const reactivateUserAction = setUserActiveAction(
  true,
  "user.reactivate",
  "Reactivated: the user can sign in again.",
);

export const resetSecondFactorAction = authenticatedAction({
  name: "user.reset-second-factor",
  audience: "admin",
  schema: userIdSchema,
  async handler({ userId }, { viewer }) {
    const { changed } = await resetSecondFactor(userId, actorOf(viewer));
    revalidatePath(`/admin/users/${userId}`);
    return {
      ok: true,
      message: changed
        ? "Second factor reset: the user is signed out and sets up an authenticator app at their next sign-in."
        : "The user had no second factor; their sessions were ended.",
    };
  },
});

export const updatePlatformSettingsAction = authenticatedAction({
  name: "platform-settings.update",
  audience: "admin",
  read: readPlatformSettingsForm,
  schema: platformSettingsSchema,
  async handler(input, { viewer }) {
    const { changed } = await updatePlatformSettings(input, actorOf(viewer));
    revalidatePath("/admin/settings");
    return { ok: true, message: changed ? "Settings saved." : "Nothing changed." };
  },
});

export const createAwsAccountAction = authenticatedAction({
  name: "aws-account.create",
  audience: "admin",
  schema: awsAccountSchema,
  async handler(input, { viewer }) {
    await createAwsAccount(input, actorOf(viewer));
    revalidatePath("/admin/accounts");
    return { ok: true, message: `${input.name} joined the pool.` };
  },
});

/** Disabling and enabling an account of the pool differ only in the state they set and what they say. */
function setAwsAccountEnabledAction(enabled: boolean, name: string, message: string) {
  return authenticatedAction({
    name,
    audience: "admin",
    schema: awsAccountIdSchema,
    async handler({ accountId }, { viewer }) {
      await setAwsAccountEnabled(accountId, enabled, actorOf(viewer));
      revalidatePath("/admin/accounts");
      return { ok: true, message };
    },
  });
}

export const disableAwsAccountAction = setAwsAccountEnabledAction(
  false,
  "aws-account.disable",
  "Disabled: new requests go to other accounts; its VPNs stay where they are.",
);

export const enableAwsAccountAction = setAwsAccountEnabledAction(
  true,
  "aws-account.enable",
  "Enabled: the account takes new requests again.",
);
