"use client";

import { useState } from "react";
import { MembershipFields, type OrganizationOption } from "@/components/admin/membership-fields";
import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
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
  const form = useSchemaForm(inviteUserSchema, action);
  const { state, errors, values, field } = form;
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
        <SchemaForm
          // A sent invitation clears the form for the next one (the message names who was invited).
          key={state.ok ? state.message : "editing"}
          form={form}
          id="invite-user"
          label="Invite a user"
          submitLabel="Send invitation"
          pendingLabel="Sending…"
          resultName="Invitation result"
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
        </SchemaForm>
      ) : null}
    </div>
  );
}
