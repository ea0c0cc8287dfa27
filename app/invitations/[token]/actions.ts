"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { UserFacingError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/users/accept-invitation";
import { setPasswordSchema } from "@/lib/users/user-schema";

// Before a session exists, like signing in, so it cannot use authenticatedAction: the token is
// the credential. Passwords are never handed back in `values`.
export async function acceptInvitationAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  const raw = {
    token: String(formData.get("token") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
  };
  const parsed = setPasswordSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
      message: "The password was not set — see the messages next to the fields.",
    };
  }
  try {
    const { email } = await acceptInvitation(parsed.data.token, parsed.data.password);
    return { ok: true, message: `Password set for ${email}. Sign in with it now.` };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, message: error.message };
    console.error("[invitation] setting the password failed", error);
    return { ok: false, message: "Something went wrong on our side; the link still works. Try again." };
  }
}
