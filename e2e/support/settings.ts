import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ENV_FILE = path.resolve(import.meta.dirname, "..", "..", "test-results", "e2e-env.json");
export const DEMO_PASSWORD = "demo-password";
