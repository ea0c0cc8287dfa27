import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ENV_FILE = path.resolve(import.meta.dirname, "..", "..", "test-results", "e2e-env.json");
export const DEMO_PASSWORD = "demo-password";
/** The demo staff's TOTP secret in the e2e database only (serve.ts seeds it; fixtures compute codes). */
export const DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
