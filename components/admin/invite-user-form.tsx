"use client";

import { useState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
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
  const { state, pending, onSubmit, errors, values } = useSchemaForm(inviteUserSchema, action);
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
          <Field id="invite-email" label="Email" errors={errors?.email}>
            {(describedBy, invalid) => (
              <input
                id="invite-email"
                name="email"
                type="email"
                autoComplete="off"
                defaultValue={values?.email ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </Field>
          <Field id="invite-name" label="Name" errors={errors?.name}>
            {(describedBy, invalid) => (
              <input
                id="invite-name"
                name="name"
                autoComplete="off"
                defaultValue={values?.name ?? ""}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                className={inputClass}
              />
            )}
          </Field>
          <MembershipFields
            idPrefix="invite-"
            organizations={organizations}
            errors={errors}
            role={values?.role ?? "CUSTOMER"}
            organizationId={values?.organizationId ?? ""}
          />
          <button type="submit" disabled={pending} className={buttonClass()}>
            {pending ? "Sending…" : "Send invitation"}
          </button>
          <FormMessage state={state} name="Invitation result" />
        </form>
      ) : null}
    </div>
  );
}
