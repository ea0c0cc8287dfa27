"use client";

import { type FormEvent, startTransition, useActionState, useState } from "react";
import { z } from "zod";
import type { FormAction } from "@/components/ui/action-button";
import { bindFields } from "@/components/ui/field";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

export type { FormAction } from "@/components/ui/action-button";

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
  return values;
}

/**
 * An admin form checked with the same zod schema as its server action: errors show at once on
 * submit, and a clean form goes to the action (which checks again). `read` turns the form into the
 * action's values when a field has several values (checkbox groups).
 */
export function useSchemaForm(
  schema: z.ZodType,
  action: FormAction,
  read: (formData: FormData) => Record<string, string> = formValues,
) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]> | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const parsed = schema.safeParse(read(formData));
    if (!parsed.success) {
      setClientErrors(z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
      return;
    }
    setClientErrors(null);
    startTransition(() => formAction(formData));
  }
  const errors = clientErrors ?? state.errors;
  return {
    state,
    pending,
    onSubmit,
    errors,
    values: state.values,
    field: bindFields({ errors, values: state.values }),
  };
}
