"use server";

import { AuthError } from "next-auth";
import type { ActionState } from "@/lib/actions/action-state";
import { signIn } from "@/lib/auth/auth";

// Signing in is the one action before a session exists, so it cannot use authenticatedAction.
export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const errors: Record<string, string[]> = {};
  if (!email) errors.email = ["Enter the email address you were invited with"];
  if (!password) errors.password = ["Enter your password"];
  if (Object.keys(errors).length > 0) return { ok: false, errors, values: { email } };
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        ok: false,
        message: "Email or password is incorrect. Check both and try again.",
        values: { email },
      };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { ok: true };
}
