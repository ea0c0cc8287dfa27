"use client";

import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { ActionButton, type ActionButtonProps } from "@/components/ui/action-button";
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
  const form = useSchemaForm(updateUserSchema, action);
  const { errors, values } = form;
  return (
    <SchemaForm
      form={form}
      label="Role and organization"
      submitLabel="Save user"
      pendingLabel="Saving…"
      resultName="Save user result"
      className="max-w-xl space-y-4"
    >
      <input type="hidden" name="userId" value={user.id} />
      <MembershipFields
        organizations={organizations}
        errors={errors}
        role={values?.role ?? user.role}
        organizationId={values?.organizationId ?? user.organizationId ?? ""}
      />
    </SchemaForm>
  );
}

/** A one-button action on a user (deactivate, reactivate, send a new link). */
export function UserActionButton({
  userId,
  ...props
}: ActionButtonProps & { userId: string; pendingLabel: string }) {
  return <ActionButton {...props} target={{ userId }} />;
}
