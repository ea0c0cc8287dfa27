"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { signIn } from "@/lib/auth/auth";
import { credentialsSchema } from "@/lib/auth/credentials-schema";

// Signing in is the one action before a session exists, so it cannot use authenticatedAction.
// Wrong passwords, locked accounts and throttled addresses all get the same message (issue 10).
export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "").slice(0, 254);
  const parsed = credentialsSchema.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    return {
      ok: false,
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      values: { email },
    };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        ok: false,
        message:
          "Email or password is incorrect, or too many attempts were made. Check both and try again in a few minutes.",
        values: { email },
      };
    }
    throw error; // the redirect after a successful sign-in
  }
  return { ok: true };
}
