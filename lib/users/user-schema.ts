// One schema per thing an admin does to a user (DESIGN §11), shared by the forms and the actions;
// and the invited user's password. Pure.
import { z } from "zod";
import { uuidField } from "@/lib/ids";

export const ROLES = ["CUSTOMER", "SUPPORT", "ADMIN"] as const;
export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  CUSTOMER: "Customer",
  SUPPORT: "Support",
  ADMIN: "Admin",
};

const membership = z
  .object({
    role: z.enum(ROLES, { error: "Choose a role: Customer, Support or Admin." }),
    /** Empty for staff. */
    organizationId: z.string().trim().optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.role === "CUSTOMER" && !value.organizationId)
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "A customer belongs to one organization: choose it.",
      });
    if (value.role !== "CUSTOMER" && value.organizationId)
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "Staff belong to no organization: choose “None (staff)”.",
      });
    if (value.organizationId && !uuidField().safeParse(value.organizationId).success)
      ctx.addIssue({
        code: "custom",
        path: ["organizationId"],
        message: "Choose an organization from the list.",
      });
  })
  .transform((value) => ({ role: value.role, organizationId: value.organizationId || null }));

export const inviteUserSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter an email address, e.g. jane@example.com."),
    name: z
      .string()
      .trim()
      .min(1, "Enter the person's name.")
      .max(100, "Name must be at most 100 characters."),
  })
  .and(membership);

export const updateUserSchema = z.object({ userId: uuidField("That user ID is not valid.") }).and(membership);

export const userIdSchema = z.object({ userId: uuidField("That user ID is not valid.") });

export const PASSWORD_MIN_LENGTH = 12;

export const setPasswordSchema = z
  .object({
    token: z.string().min(20, "This invitation link is incomplete: open the link from the e-mail again."),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(200, "Password must be at most 200 characters."),
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ: type the same password twice.",
  });

export type InviteUserInput = z.output<typeof inviteUserSchema>;
export type UpdateUserInput = z.output<typeof updateUserSchema>;
