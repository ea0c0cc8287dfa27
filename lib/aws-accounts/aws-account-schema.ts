// An AWS account of the pool as an admin enters it (decision 024); one schema for the form and
// the action. Pure.
import { z } from "zod";
import { checkboxField } from "@/lib/organizations/organization-schema";
import { findAwsRegion } from "@/lib/regions/aws-regions";

export const awsAccountSchema = z.object({
  name: z.string().trim().min(1, "Name the account (e.g. vpn-pool-1).").max(64, "At most 64 characters."),
  roleArn: z
    .string()
    .trim()
    .regex(
      /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,64}$/,
      "A role ARN looks like arn:aws:iam::123456789012:role/vpn-portal-provisioning.",
    ),
  externalId: z
    .string()
    .trim()
    .regex(
      /^[\w+=,.@:/-]{2,1224}$/,
      "The external ID of the role's trust policy (2–1224 characters, no spaces).",
    ),
  /** Comma- or space-separated region codes. */
  regions: z
    .string()
    .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(z.string())
        .min(1, "List at least one region the portal may build in.")
        .refine(
          (codes) => codes.every((code) => findAwsRegion(code)),
          "Use AWS region codes such as eu-west-1.",
        ),
    ),
  enabled: checkboxField,
});

export type AwsAccountInput = z.output<typeof awsAccountSchema>;

export const awsAccountIdSchema = z.object({ accountId: z.uuid() });
