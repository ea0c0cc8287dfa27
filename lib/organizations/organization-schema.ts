// One schema for an organization as an admin edits it (DESIGN §1, §11), shared by the form (instant
// feedback) and the server action (authority). Pure.
import { z } from "zod";
import { uuidField } from "@/lib/ids";

export const PLANS = ["TEAM", "ENTERPRISE"] as const;
export const PLAN_LABELS: Record<(typeof PLANS)[number], string> = { TEAM: "Team", ENTERPRISE: "Enterprise" };

/** An HTML checkbox: "on" when ticked, absent when not. */
export const checkboxField = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

export const organizationSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Name must be at least 2 characters, e.g. Initech Retail.")
    .max(100, "Name must be at most 100 characters."),
  plan: z.enum(PLANS, { error: "Choose a plan: Team or Enterprise." }),
  vpnAddOn: checkboxField,
});

export const organizationUpdateSchema = organizationSchema.extend({
  organizationId: uuidField("That organization ID is not valid."),
});

export type OrganizationInput = z.output<typeof organizationSchema>;
