import "server-only";
import { getPlatformSettings } from "@/lib/admin/platform-settings";
import { getEnv } from "@/lib/env";

/** The deployment settings the request rules depend on (passed to the form and the server alike). */
export type RequestSettings = {
  allowDocumentationIps: boolean;
  supportedRegions: readonly string[];
  platformAsn: number;
};

/**
 * Supported regions are managed by admins (lib/admin/platform-settings.ts, seeded from
 * SUPPORTED_REGIONS); the rest is deployment configuration.
 */
export async function getRequestSettings(): Promise<RequestSettings> {
  const env = getEnv();
  const { supportedRegions } = await getPlatformSettings();
  return {
    allowDocumentationIps: env.ALLOW_DOCUMENTATION_IPS,
    supportedRegions,
    platformAsn: env.PLATFORM_ASN,
  };
}
