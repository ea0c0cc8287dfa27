// The admin's platform settings form (supported regions, auto-approval), one schema for the form
// and the action. Pure.
import { z } from "zod";
import { checkboxField } from "@/lib/organizations/organization-schema";
import { findAwsRegion } from "@/lib/regions/aws-regions";

export const platformSettingsSchema = z.object({
  /** Comma-separated region codes (the form's checkboxes, joined by `readPlatformSettingsForm`). */
  supportedRegions: z
    .string()
    .transform((value) => [
      ...new Set(
        value
          .split(",")
          .map((code) => code.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string())
        .min(1, "Choose at least one region: customers need somewhere to connect.")
        .refine((codes) => codes.every((code) => findAwsRegion(code)), "Choose regions from the list."),
    ),
  autoApproveKnownEnterpriseGateways: checkboxField,
});

export type PlatformSettingsInput = z.output<typeof platformSettingsSchema>;

/** Regions are checkboxes of one name: FormData holds one value per ticked box. */
export function readPlatformSettingsForm(formData: FormData): Record<string, string> {
  return {
    supportedRegions: formData
      .getAll("supportedRegions")
      .filter((value) => typeof value === "string")
      .join(","),
    autoApproveKnownEnterpriseGateways: String(formData.get("autoApproveKnownEnterpriseGateways") ?? ""),
  };
}
