"use client";

import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxField, Options, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import {
  organizationSchema,
  organizationUpdateSchema,
  PLAN_LABELS,
  PLANS,
} from "@/lib/organizations/organization-schema";

type Organization = { id: string; name: string; plan: (typeof PLANS)[number]; vpnAddOn: boolean };

/** Create (no organization) or edit an organization: name, plan and the VPN add-on (DESIGN §1). */
export function OrganizationForm({
  action,
  organization,
}: {
  action: FormAction;
  organization?: Organization;
}) {
  const schema = organization ? organizationUpdateSchema : organizationSchema;
  const { state, pending, onSubmit, values, field } = useSchemaForm(schema, action);
  // The create form sits beside the list, so its ids are prefixed.
  const idPrefix = organization ? "" : "new-";
  const submitLabel = organization ? "Save organization" : "Create organization";
  const vpnAddOn = values ? values.vpnAddOn === "on" : (organization?.vpnAddOn ?? false);
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4"
      noValidate
      aria-label={organization ? "Organization" : "New organization"}
    >
      {organization ? <input type="hidden" name="organizationId" value={organization.id} /> : null}
      <TextField {...field("name", organization?.name)} id={`${idPrefix}name`} label="Name" />
      <SelectField
        {...field("plan", organization?.plan ?? "TEAM")}
        id={`${idPrefix}plan`}
        label="Plan"
        hint="Enterprise includes site-to-site VPN; Team needs the VPN add-on."
      >
        <Options values={PLANS} label={(plan) => PLAN_LABELS[plan]} />
      </SelectField>
      <CheckboxField
        id={`${idPrefix}vpnAddOn`}
        name="vpnAddOn"
        label="VPN add-on"
        hint="Lets a Team organization's users request site-to-site VPNs, from their next page load."
        defaultChecked={vpnAddOn}
      />
      <SubmitButton pending={pending} label={submitLabel} pendingLabel="Saving…" />
      <FormMessage state={state} name={`${submitLabel} result`} />
    </form>
  );
}
