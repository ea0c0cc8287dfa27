"use client";

import { FormMessage } from "@/components/admin/form-message";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
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
  const { state, pending, onSubmit, errors, values } = useSchemaForm(schema, action);
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
      <Field id={organization ? "name" : "new-name"} label="Name" errors={errors?.name}>
        {(describedBy, invalid) => (
          <input
            id={organization ? "name" : "new-name"}
            name="name"
            defaultValue={values?.name ?? organization?.name ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id={organization ? "plan" : "new-plan"}
        label="Plan"
        errors={errors?.plan}
        hint="Enterprise includes site-to-site VPN; Team needs the VPN add-on."
      >
        {(describedBy, invalid) => (
          <select
            id={organization ? "plan" : "new-plan"}
            name="plan"
            defaultValue={values?.plan ?? organization?.plan ?? "TEAM"}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            {PLANS.map((plan) => (
              <option key={plan} value={plan}>
                {PLAN_LABELS[plan]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="flex items-start gap-2">
        <input
          id={organization ? "vpnAddOn" : "new-vpnAddOn"}
          name="vpnAddOn"
          type="checkbox"
          defaultChecked={vpnAddOn}
          aria-describedby={organization ? "vpnAddOn-hint" : "new-vpnAddOn-hint"}
          className="mt-1 h-4 w-4 rounded border-slate-300"
        />
        <div>
          <label
            htmlFor={organization ? "vpnAddOn" : "new-vpnAddOn"}
            className="text-sm font-medium text-slate-800"
          >
            VPN add-on
          </label>
          <p id={organization ? "vpnAddOn-hint" : "new-vpnAddOn-hint"} className="text-xs text-slate-600">
            Lets a Team organization's users request site-to-site VPNs, from their next page load.
          </p>
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Saving…" : submitLabel}
      </button>
      <FormMessage state={state} name={`${submitLabel} result`} />
    </form>
  );
}
