import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E_PORT } from "./e2e/support/settings";

// Debian's Chromium where it is installed (no browser download is possible here); elsewhere the
// browser Playwright manages.
const systemChromium = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((file) => existsSync(file));

export default defineConfig({
  testDir: "e2e",
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: systemChromium
          ? {
              executablePath: systemChromium,
              args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
              ],
            }
          : {},
      },
    },
  ],
  webServer: {
    // One process (no tsx launcher in between), so Playwright's SIGTERM reaches the script itself.
    command: "node --import tsx e2e/support/serve.ts",
    url: `http://localhost:${E2E_PORT}/sign-in`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
