"use client";

import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { CheckboxField } from "@/components/ui/field";
import { platformSettingsSchema, readPlatformSettingsForm } from "@/lib/admin/platform-settings-schema";
import { AWS_REGIONS } from "@/lib/regions/aws-regions";

/** Supported regions (checkboxes over every AWS region) and the auto-approval policy. */
export function PlatformSettingsForm({
  action,
  settings,
}: {
  action: FormAction;
  settings: { supportedRegions: readonly string[]; autoApproveKnownEnterpriseGateways: boolean };
}) {
  const form = useSchemaForm(platformSettingsSchema, action, readPlatformSettingsForm);
  const { errors, values } = form;
  const chosen = new Set(values ? values.supportedRegions?.split(",") : settings.supportedRegions);
  const autoApprove = values
    ? values.autoApproveKnownEnterpriseGateways === "on"
    : settings.autoApproveKnownEnterpriseGateways;
  return (
    <SchemaForm
      form={form}
      label="Platform settings"
      submitLabel="Save settings"
      pendingLabel="Saving…"
      resultName="Save settings result"
      className="space-y-6"
    >
      <fieldset aria-describedby={errors?.supportedRegions ? "supportedRegions-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-900">Supported regions</legend>
        <p className="mt-1 text-xs text-slate-600">
          The regions customers may request a VPN in, and the region recommendation chooses from. Requests
          already filed keep their region.
        </p>
        {errors?.supportedRegions ? (
          <div id="supportedRegions-error" role="alert" className="mt-2 text-sm font-medium text-rose-700">
            {errors.supportedRegions.join(" ")}
          </div>
        ) : null}
        <div className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {AWS_REGIONS.map((region) => (
            <label key={region.code} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="supportedRegions"
                value={region.code}
                defaultChecked={chosen.has(region.code)}
                className="h-4 w-4 rounded border-slate-300"
              />
              <span>
                {region.name} <span className="font-mono text-xs text-slate-500">{region.code}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">Auto-approval policy</legend>
        <div className="mt-2">
          <CheckboxField
            id="autoApproveKnownEnterpriseGateways"
            label="Approve Enterprise requests from a gateway IP approved before"
            hint="Such requests are approved by policy as soon as they are filed, audited as such and marked in the queue; support can still stop one by decommissioning it."
            defaultChecked={autoApprove}
          />
        </div>
      </fieldset>
    </SchemaForm>
  );
}
