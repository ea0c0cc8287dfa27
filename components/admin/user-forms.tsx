"use client";

import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { ActionButton, type ActionButtonProps } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { updateUserSchema } from "@/lib/users/user-schema";

/** An admin changes a user's role and organization. */
export function UserMembershipForm({
  action,
  user,
  organizations,
}: {
  action: FormAction;
  user: { id: string; role: string; organizationId: string | null };
  organizations: readonly OrganizationOption[];
}) {
  const { state, pending, onSubmit, errors, values } = useSchemaForm(updateUserSchema, action);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Role and organization" className="max-w-xl space-y-4">
      <input type="hidden" name="userId" value={user.id} />
      <MembershipFields
        organizations={organizations}
        errors={errors}
        role={values?.role ?? user.role}
        organizationId={values?.organizationId ?? user.organizationId ?? ""}
      />
      <SubmitButton pending={pending} label="Save user" pendingLabel="Saving…" />
      <FormMessage state={state} name="Save user result" />
    </form>
  );
}

/** A one-button action on a user (deactivate, reactivate, send a new link). */
export function UserActionButton({
  userId,
  ...props
}: ActionButtonProps & { userId: string; pendingLabel: string }) {
  return <ActionButton {...props} target={{ userId }} />;
}
