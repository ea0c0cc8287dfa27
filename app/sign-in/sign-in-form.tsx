"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, formAction, pending] = useActionState(signInAction, INITIAL_ACTION_STATE);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message ? (
        <div
          role="alert"
          aria-label="Sign-in error"
          className="rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
        >
          {state.message}
        </div>
      ) : null}
      <TextField
        id="email"
        label="Email"
        errors={state.errors?.email}
        type="email"
        autoComplete="username"
        required
        defaultValue={state.values?.email ?? ""}
      />
      <TextField
        id="password"
        label="Password"
        errors={state.errors?.password}
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" fullWidth />
    </form>
  );
}
