"use client";

import { useActionState } from "react";
import { ActionButton, type ActionButtonProps, type FormAction } from "@/components/ui/action-button";
import { SubmitButton } from "@/components/ui/button";
import { bindFields, TextAreaField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";

/** A one-button action on a request (cancel, approve), with its outcome announced. */
export function RequestActionButton({
  requestId,
  variant = "primary",
  ...props
}: ActionButtonProps & { requestId: string; pendingLabel: string }) {
  return <ActionButton {...props} target={{ requestId }} variant={variant} hideMessageWithFieldErrors />;
}

/** Reject needs a reason the customer will read. */
export function RejectForm({ action, requestId }: { action: FormAction; requestId: string }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      <TextAreaField
        {...bindFields(state)("reason")}
        label="Reason"
        hint="Shown to the customer: say what to change so a new request can be approved."
        rows={3}
        required
      />
      <SubmitButton pending={pending} label="Reject" pendingLabel="Rejecting…" variant="danger" />
      <FormMessage state={state} name="Reject result" hideWithFieldErrors />
    </form>
  );
}
