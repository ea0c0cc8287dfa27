"use client";

import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { CheckboxField, Options, SelectField, TextField } from "@/components/ui/field";
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
  const form = useSchemaForm(schema, action);
  const { values, field } = form;
  // The create form sits beside the list, so its ids are prefixed.
  const idPrefix = organization ? "" : "new-";
  const submitLabel = organization ? "Save organization" : "Create organization";
  const vpnAddOn = values ? values.vpnAddOn === "on" : (organization?.vpnAddOn ?? false);
  return (
    <SchemaForm
      form={form}
      label={organization ? "Organization" : "New organization"}
      submitLabel={submitLabel}
      pendingLabel="Saving…"
      resultName={`${submitLabel} result`}
      className="space-y-4"
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
    </SchemaForm>
  );
}
