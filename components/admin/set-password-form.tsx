"use client";

import Link from "next/link";
import { SchemaForm } from "@/components/admin/schema-form";
import { type FormAction, useSchemaForm } from "@/components/admin/use-schema-form";
import { Notice } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { PASSWORD_MIN_LENGTH, setPasswordSchema } from "@/lib/users/user-schema";

/** The invited user chooses a password; the link in the e-mail works once. */
export function SetPasswordForm({
  action,
  token,
  email,
}: {
  action: FormAction;
  token: string;
  email: string;
}) {
  const form = useSchemaForm(setPasswordSchema, action);
  const { state, errors } = form;
  if (state.ok)
    return (
      <Notice tone="success" title="Password set">
        <p role="status" aria-label="Set password result">
          {state.message}
        </p>
        <p className="mt-2">
          <Link href="/sign-in" className="font-semibold underline">
            Go to sign in
          </Link>
        </p>
      </Notice>
    );
  return (
    <SchemaForm
      form={form}
      label="Set your password"
      submitLabel="Set password"
      pendingLabel="Saving…"
      resultName="Set password result"
      fullWidthSubmit
      className="space-y-5"
    >
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="password"
        label="New password"
        errors={errors?.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
        type="password"
        autoComplete="new-password"
      />
      <TextField
        id="confirmPassword"
        label="Repeat the password"
        errors={errors?.confirmPassword}
        type="password"
        autoComplete="new-password"
      />
    </SchemaForm>
  );
}
