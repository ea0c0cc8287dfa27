"use client";

import { useState } from "react";
import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { inviteUserSchema } from "@/lib/users/user-schema";

/** "Invite user" opens the form; the invitee gets a single-use link by e-mail to set a password. */
export function InviteUserPanel({
  action,
  organizations,
}: {
  action: FormAction;
  organizations: readonly OrganizationOption[];
}) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, errors, values, field } = useSchemaForm(inviteUserSchema, action);
  return (
    <div className="space-y-4">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="invite-user"
        onClick={() => setOpen((value) => !value)}
        className={buttonClass(open ? "secondary" : "primary")}
      >
        Invite user
      </button>
      {open ? (
        <form
          // A sent invitation clears the form for the next one (the message names who was invited).
          key={state.ok ? state.message : "editing"}
          id="invite-user"
          aria-label="Invite a user"
          onSubmit={onSubmit}
          noValidate
          className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <TextField {...field("email")} id="invite-email" label="Email" type="email" autoComplete="off" />
          <TextField {...field("name")} id="invite-name" label="Name" autoComplete="off" />
          <MembershipFields
            idPrefix="invite-"
            organizations={organizations}
            errors={errors}
            role={values?.role ?? "CUSTOMER"}
            organizationId={values?.organizationId ?? ""}
          />
          <SubmitButton pending={pending} label="Send invitation" pendingLabel="Sending…" />
          <FormMessage state={state} name="Invitation result" />
        </form>
      ) : null}
    </div>
  );
}
