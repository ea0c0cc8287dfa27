"use client";

import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { ActionButton, type ActionButtonProps } from "@/components/ui/action-button";
import { TextField } from "@/components/ui/field";
import { awsAccountSchema } from "@/lib/aws-accounts/aws-account-schema";

/** Adds an AWS account to the pool: its cross-account role, the role's external ID, its regions. */
export function AddAwsAccountForm({ action }: { action: FormAction }) {
  const form = useSchemaForm(awsAccountSchema, action);
  const { errors, values, field } = form;
  return (
    <SchemaForm
      form={form}
      label="Add AWS account"
      submitLabel="Add account"
      pendingLabel="Adding…"
      resultName="Add AWS account result"
      className="space-y-4"
    >
      <TextField {...field("name")} label="Name" />
      <TextField
        {...field("roleArn")}
        label="Role ARN"
        hint="The cross-account role of docs/running-on-aws.md."
        placeholder="arn:aws:iam::123456789012:role/vpn-portal-provisioning"
      />
      <TextField
        id="externalId"
        label="External ID"
        hint="The sts:ExternalId its trust policy requires."
        errors={errors?.externalId}
        autoComplete="off"
      />
      <TextField
        {...field("regions")}
        label="Regions"
        hint="Region codes, separated by commas (eu-west-1, us-east-1)."
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={values ? values.enabled === "on" : true}
          className="h-4 w-4 rounded border-slate-300"
        />
        Takes new requests
      </label>
    </SchemaForm>
  );
}

/** Enables or disables one account of the pool. */
export function AwsAccountToggle({
  accountId,
  ...props
}: Pick<ActionButtonProps, "action" | "label"> & { accountId: string }) {
  return <ActionButton {...props} target={{ accountId }} className="space-y-1" />;
}
