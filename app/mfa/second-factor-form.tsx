"use client";

import { useActionState } from "react";
import { buttonClass, SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ErrorBanner } from "@/components/ui/form-message";
import { type SecondFactorActionState, verifySecondFactorAction } from "./actions";

const INITIAL: SecondFactorActionState = { ok: false };

export function SecondFactorForm({ enrolling }: { enrolling: boolean }) {
  const [state, formAction, pending] = useActionState(verifySecondFactorAction, INITIAL);
  if (state.ok && state.recoveryCodes) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-800" role="status">
          Your authenticator app is set up. Keep these recovery codes somewhere safe: each signs you in once
          if you lose your phone, and they are not shown again.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        {/* A full page load, not a client navigation: the layout (its nav and "Sign out") was
            rendered before the session was verified. */}
        <a href="/" className={`${buttonClass()} w-full text-center`}>
          Continue
        </a>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <ErrorBanner name="Second factor error" message={state.message} />
      <TextField
        id="code"
        label="Authentication code"
        errors={state.errors?.code}
        hint={
          enrolling
            ? "The 6-digit code your app shows now."
            : "6 digits, or a recovery code like ABCDE-23456."
        }
        inputMode={enrolling ? "numeric" : "text"}
        autoComplete="one-time-code"
        required
      />
      <SubmitButton
        pending={pending}
        label={enrolling ? "Confirm and continue" : "Verify"}
        pendingLabel="Checking…"
        fullWidth
      />
    </form>
  );
}
