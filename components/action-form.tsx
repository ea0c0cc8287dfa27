"use client";

import { useActionState } from "react";
import { ActionButton, type ActionButtonProps, type FormAction } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/button";
import { bindFields, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

/** More hidden fields an action reads besides the request (e.g. the change's ID). */
type ExtraFields = Readonly<Record<string, string>>;

/** A one-button action on a request (cancel, approve, approve a change), with its outcome announced. */
export function RequestActionButton({
  requestId,
  variant = "primary",
  fields,
  ...props
}: ActionButtonProps & { requestId: string; pendingLabel: string; fields?: ExtraFields }) {
  return (
    <ActionButton {...props} target={{ requestId, ...fields }} variant={variant} hideMessageWithFieldErrors />
  );
}

/** Reject (a request, or a change waiting for approval) needs a reason the customer will read. */
export function RejectForm({
  action,
  requestId,
  label = "Reject",
  hint = "Shown to the customer: say what to change so a new request can be approved.",
  fields,
}: {
  action: FormAction;
  requestId: string;
  label?: string;
  hint?: string;
  fields?: ExtraFields;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextAreaField {...bindFields(state)("reason")} label="Reason" hint={hint} rows={3} required />
      <SubmitButton pending={pending} label={label} pendingLabel="Rejecting…" variant="danger" />
      <FormMessage state={state} name={`${label} result`} hideWithFieldErrors />
    </form>
  );
}
