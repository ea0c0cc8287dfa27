"use client";

import { useActionState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { type ActionState, INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** A one-button action on a request (cancel, approve), with its outcome announced. */
export function RequestActionButton({
  action,
  requestId,
  label,
  pendingLabel,
  variant = "primary",
  confirm,
  fields,
}: {
  action: Action;
  requestId: string;
  label: string;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
  /** More hidden fields the action reads (e.g. the change's ID). */
  fields?: Readonly<Record<string, string>>;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="requestId" value={requestId} />
      <HiddenFields fields={fields} />
      <button type="submit" disabled={pending} className={buttonClass(variant)}>
        {pending ? pendingLabel : label}
      </button>
      <ActionMessage state={state} name={`${label} result`} />
    </form>
  );
}

function HiddenFields({ fields }: { fields: Readonly<Record<string, string>> | undefined }) {
  return Object.entries(fields ?? {}).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}

/** Reject needs a reason the customer will read. */
export function RejectForm({
  action,
  requestId,
  label = "Reject",
  hint = "Shown to the customer: say what to change so a new request can be approved.",
  fields,
}: {
  action: Action;
  requestId: string;
  label?: string;
  hint?: string;
  fields?: Readonly<Record<string, string>>;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <HiddenFields fields={fields} />
      <Field id="reason" label="Reason" errors={state.errors?.reason} hint={hint}>
        {(describedBy, invalid) => (
          <textarea
            id="reason"
            name="reason"
            rows={3}
            required
            defaultValue={state.values?.reason ?? ""}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("danger")}>
        {pending ? "Rejecting…" : label}
      </button>
      <ActionMessage state={state} name={`${label} result`} />
    </form>
  );
}

function ActionMessage({ state, name }: { state: ActionState; name: string }) {
  if (!state.message || state.errors) return null;
  const className = "text-sm font-medium";
  return state.ok ? (
    <div role="status" aria-label={name} className={`${className} text-emerald-800`}>
      {state.message}
    </div>
  ) : (
    <div role="alert" aria-label={name} className={`${className} text-rose-700`}>
      {state.message}
    </div>
  );
}
