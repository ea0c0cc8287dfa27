"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/actions/action-state";
import { updateSession } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/auth/client-address";
import { getPendingSecondFactor } from "@/lib/auth/current-user";
import { secondFactorProof } from "@/lib/auth/second-factor-proof";
import { secondFactorSchema } from "@/lib/auth/second-factor-schema";
import { verifySecondFactor } from "@/lib/auth/verify-second-factor";
import { getEnv } from "@/lib/env";

export type SecondFactorActionState = ActionState & { recoveryCodes?: string[] };

const THROTTLED = "Too many wrong codes. Wait a few minutes, then try again.";
/** What each refusal tells the user to do next. */
const REFUSALS = {
  invalid:
    "That code is not correct. Enter the current 6-digit code from your authenticator app (or an unused recovery code).",
  "not-enrolled": "Set up your authenticator app first: reload this page.",
  locked: THROTTLED,
  "address-throttled": THROTTLED,
} as const;

// Like signing in, this runs before there is a viewer (a staff session without its second factor
// is none), so it cannot use authenticatedAction: it checks the pending session itself.
export async function verifySecondFactorAction(
  _previous: SecondFactorActionState,
  formData: FormData,
): Promise<SecondFactorActionState> {
  const parsed = secondFactorSchema.safeParse({ code: formData.get("code") ?? "" });
  if (!parsed.success)
    return { ok: false, errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
  const pending = await getPendingSecondFactor();
  if (!pending) return { ok: false, message: "Your session has ended. Sign in again." };
  const result = await verifySecondFactor(pending, parsed.data.code, clientAddress(await headers()));
  if (!result.ok) return { ok: false, message: REFUSALS[result.reason] };
  await updateSession({
    secondFactorProof: secondFactorProof(getEnv().AUTH_SECRET, pending.id, pending.authTime),
  } as Parameters<typeof updateSession>[0]);
  // Enrolment shows the recovery codes once before going on.
  if (result.recoveryCodes) return { ok: true, recoveryCodes: result.recoveryCodes };
  redirect("/");
}
