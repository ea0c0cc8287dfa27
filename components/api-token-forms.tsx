"use client";

import { useActionState } from "react";
import type { FormAction } from "@/components/ui/action-button";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { bindFields, inputClass, Options, SelectField, TextField } from "@/components/ui/field";
import { useConfirmation } from "@/components/ui/use-confirmation";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { API_TOKEN_EXPIRY_DAYS } from "@/lib/api-tokens/api-token-schema";

type Action = FormAction;

/** Name and expiry; on success the token is shown here once (React state only, never stored). */
export function CreateApiTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const field = bindFields(state);
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-end" noValidate>
        <TextField
          {...field("name")}
          label="Name"
          hint="Where the token is used, e.g. “Terraform CI”."
          required
          maxLength={60}
        />
        <SelectField {...field("expiresInDays", "90")} label="Expires after">
          <Options values={API_TOKEN_EXPIRY_DAYS} label={(days) => `${days} days`} />
        </SelectField>
        <SubmitButton pending={pending} label="Create token" pendingLabel="Creating…" />
      </form>
      {state.ok && state.secret ? (
        <div
          role="status"
          aria-label="New API token"
          className="space-y-2 rounded-md bg-emerald-50 p-4 ring-1 ring-emerald-200"
        >
          <p className="text-sm font-medium text-emerald-900">{state.message}</p>
          <label htmlFor="new-token" className="block text-xs font-medium text-emerald-900">
            Your new token
          </label>
          <input
            id="new-token"
            readOnly
            value={state.secret}
            onFocus={(event) => event.currentTarget.select()}
            className={`${inputClass} font-mono`}
          />
          <p className="text-xs text-emerald-900">
            Send it as <code>Authorization: Bearer …</code>. It acts as you, in your organization.
          </p>
        </div>
      ) : state.message && !state.errors ? (
        <div role="alert" aria-label="Create token result" className="text-sm font-medium text-rose-700">
          {state.message}
        </div>
      ) : null}
    </div>
  );
}

export function RevokeApiTokenButton({
  action,
  tokenId,
  name,
}: {
  action: Action;
  tokenId: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, INITIAL_ACTION_STATE);
  const confirmation = useConfirmation(`Revoke “${name}”? Anything using it stops working at once.`);
  return (
    <form action={formAction} onSubmit={confirmation.onSubmit}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button
        type="submit"
        disabled={pending || !confirmation.ready}
        aria-label={`Revoke ${name}`}
        className={buttonClass("secondary")}
      >
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {state.message && !state.ok ? (
        <p role="alert" aria-label={`Revoke ${name} result`} className="mt-1 text-sm text-rose-700">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
