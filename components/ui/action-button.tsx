"use client";

import { useActionState } from "react";
import { useKeptOutcome } from "@/components/kept-outcomes";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useConfirmation } from "@/components/ui/use-confirmation";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

export type ActionButtonProps = {
  action: FormAction;
  label: string;
  pendingLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  /** Asked with window.confirm before the action runs; cancelling sends nothing. */
  confirm?: string;
};

/**
 * A one-button form (approve, deactivate, enable an account…): `target` is sent as hidden inputs
 * naming what it acts on, and the outcome is announced as `resultName` (default "<label> result").
 */
export function ActionButton({
  action,
  target,
  label,
  pendingLabel = label,
  variant = "secondary",
  confirm,
  className = "space-y-2",
  hideMessageWithFieldErrors,
  resultName = `${label} result`,
}: ActionButtonProps & {
  target: Record<string, string>;
  className?: string;
  hideMessageWithFieldErrors?: boolean;
  /** Where one page has several of the same button (one per tunnel), what tells them apart. */
  resultName?: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  useKeptOutcome(resultName, state);
  const confirmation = useConfirmation(confirm);
  return (
    <form action={formAction} onSubmit={confirmation.onSubmit} className={className}>
      {Object.entries(target).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        pending={pending}
        disabled={!confirmation.ready}
        label={label}
        pendingLabel={pendingLabel}
        variant={variant}
      />
      <FormMessage state={state} name={resultName} hideWithFieldErrors={hideMessageWithFieldErrors} />
    </form>
  );
}
