"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { bindFields, TextField } from "@/components/ui/field";
import { ErrorBanner } from "@/components/ui/form-message";
import { INITIAL_ACTION_STATE } from "@/lib/actions/action-state";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, formAction, pending] = useActionState(signInAction, INITIAL_ACTION_STATE);
  const field = bindFields(state);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <ErrorBanner name="Sign-in error" message={state.message} />
      <TextField {...field("email")} label="Email" type="email" autoComplete="username" required />
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
