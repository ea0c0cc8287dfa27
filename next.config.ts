import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/security-headers";

const config: NextConfig = {
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  // Server action bodies are bounded (the largest form, 100 CIDRs, is a few kilobytes).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "64kb" } },
  // The database driver stays a plain Node dependency instead of being bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  poweredByHeader: false,
  // proxy.ts sets these (and the CSP) on everything else; build assets get the static ones here.
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default config;
