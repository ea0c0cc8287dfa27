"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/admin/form-message";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { awsAccountSchema } from "@/lib/aws-accounts/aws-account-schema";

/** Adds an AWS account to the pool: its cross-account role, the role's external ID, its regions. */
export function AddAwsAccountForm({ action }: { action: FormAction }) {
  const { state, pending, onSubmit, errors, values } = useSchemaForm(awsAccountSchema, action);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add AWS account" className="space-y-4">
      <Field id="name" label="Name" errors={errors?.name}>
        {(describedBy, invalid) => (
          <input
            id="name"
            name="name"
            defaultValue={values?.name}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="roleArn"
        label="Role ARN"
        hint="The cross-account role of docs/running-on-aws.md."
        errors={errors?.roleArn}
      >
        {(describedBy, invalid) => (
          <input
            id="roleArn"
            name="roleArn"
            defaultValue={values?.roleArn}
            placeholder="arn:aws:iam::123456789012:role/vpn-portal-provisioning"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="externalId"
        label="External ID"
        hint="The sts:ExternalId its trust policy requires."
        errors={errors?.externalId}
      >
        {(describedBy, invalid) => (
          <input
            id="externalId"
            name="externalId"
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <Field
        id="regions"
        label="Regions"
        hint="Region codes, separated by commas (eu-west-1, us-east-1)."
        errors={errors?.regions}
      >
        {(describedBy, invalid) => (
          <input
            id="regions"
            name="regions"
            defaultValue={values?.regions}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={values ? values.enabled === "on" : true}
          className="h-4 w-4 rounded border-slate-300"
        />
        Takes new requests
      </label>
      <button type="submit" disabled={pending} className={buttonClass()}>
        {pending ? "Adding…" : "Add account"}
      </button>
      <FormMessage state={state} name="Add AWS account result" />
    </form>
  );
}

/** Enables or disables one account of the pool. */
export function AwsAccountToggle({
  action,
  accountId,
  label,
}: {
  action: FormAction;
  accountId: string;
  label: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="accountId" value={accountId} />
      <button type="submit" disabled={pending} className={buttonClass("secondary")}>
        {label}
      </button>
      <FormMessage state={state} name={`${label} result`} />
    </form>
  );
}
