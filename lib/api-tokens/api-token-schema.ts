// The "create API token" form's one schema (form and action). Pure; browser-safe.
import { z } from "zod";

export const API_TOKEN_EXPIRY_DAYS = ["7", "30", "90", "365"] as const;

export const apiTokenSchema = z.object({
  name: z
    .string({ error: "Name is missing — give the token a name and submit again" })
    .trim()
    .min(1, "Give the token a name that says where it is used (e.g. “Terraform CI”)")
    .max(60, "Name is too long — shorten it to at most 60 characters"),
  expiresInDays: z.enum(API_TOKEN_EXPIRY_DAYS, {
    error: `Choose when the token expires: ${API_TOKEN_EXPIRY_DAYS.join(", ")} days`,
  }),
});

export type ApiTokenInput = z.output<typeof apiTokenSchema>;
