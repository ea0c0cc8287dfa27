"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass } from "@/components/ui/button";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
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
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : "Save user"}
      </button>
      <FormMessage state={state} name="Save user result" />
    </form>
  );
}

/** A one-button action on a user (deactivate, reactivate, send a new link). */
export function UserActionButton({
  action,
  userId,
  label,
  pendingLabel,
  variant = "secondary",
  confirm,
}: {
  action: FormAction;
  userId: string;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" disabled={pending} className={buttonClass(variant)}>
        {pending ? pendingLabel : label}
      </button>
      <FormMessage state={state} name={`${label} result`} />
    </form>
  );
}
