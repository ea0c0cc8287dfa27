import { z } from "zod";

/** The /mfa form: a 6-digit authenticator code, or a recovery code (issue 15). */
export const secondFactorSchema = z.object({
  code: z
    .string()
    .trim()
    .min(6, "Enter the 6-digit code from your authenticator app, or a recovery code.")
    .max(24, "That code is too long: enter the 6-digit code, or a recovery code like ABCDE-23456."),
});
