"use client";

import type { ComponentProps } from "react";
import type { useSchemaForm } from "@/components/admin/use-schema-form";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/**
 * An admin form around its fields: checked with its schema on submit (`form` is its useSchemaForm),
 * then the submit button, then the outcome announced as `resultName`.
 */
export function SchemaForm({
  form,
  label,
  submitLabel,
  pendingLabel,
  resultName,
  fullWidthSubmit,
  children,
  ...attributes
}: {
  form: ReturnType<typeof useSchemaForm>;
  /** The form's accessible name. */
  label: string;
  submitLabel: string;
  pendingLabel: string;
  resultName: string;
  fullWidthSubmit?: boolean;
} & Omit<ComponentProps<"form">, "onSubmit" | "noValidate" | "aria-label">) {
  return (
    <form {...attributes} onSubmit={form.onSubmit} noValidate aria-label={label}>
      {children}
      <SubmitButton
        pending={form.pending}
        label={submitLabel}
        pendingLabel={pendingLabel}
        fullWidth={fullWidthSubmit}
      />
      <FormMessage state={form.state} name={resultName} />
    </form>
  );
}
