// The sign-in form's fields: one schema for the sign-in action and the credentials provider.
// Pure and browser-safe. Lengths are bounded so no input makes the server hash megabytes.
import { z } from "zod";

export const credentialsSchema = z.object({
  email: z
    .string({ error: "Enter the email address you were invited with" })
    .trim()
    .toLowerCase()
    .min(1, "Enter the email address you were invited with")
    .max(254, "An email address has at most 254 characters")
    .email("Enter an email address like name@example.com"),
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(1024, "A password has at most 1024 characters"),
});

export type Credentials = z.output<typeof credentialsSchema>;
