"use client";

import { useActionState, useSyncExternalStore } from "react";
import { useKeptOutcome } from "@/components/kept-outcomes";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

const noSubscription = () => () => {};

/** False while the page is server-rendered HTML only, true once React has hydrated it. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

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
  // The confirmation is asked by the page's script: before hydration the form would post without
  // it (an approval that creates paid AWS resources, unasked, and its outcome rendered on a page
  // that may no longer have this button), so a button that asks first waits for the script.
  const hydrated = useHydrated();
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className={className}
    >
      {Object.entries(target).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        pending={pending}
        disabled={Boolean(confirm) && !hydrated}
        label={label}
        pendingLabel={pendingLabel}
        variant={variant}
      />
      <FormMessage state={state} name={resultName} hideWithFieldErrors={hideMessageWithFieldErrors} />
    </form>
  );
}
