import "server-only";
import { getEnv } from "@/lib/env";

/** The deployment settings the request rules depend on (passed to the form and the server alike). */
export type RequestSettings = {
  allowDocumentationIps: boolean;
  supportedRegions: readonly string[];
  platformAsn: number;
};

export function getRequestSettings(): RequestSettings {
  const env = getEnv();
  return {
    allowDocumentationIps: env.ALLOW_DOCUMENTATION_IPS,
    supportedRegions: env.SUPPORTED_REGIONS,
    platformAsn: env.PLATFORM_ASN,
  };
}
