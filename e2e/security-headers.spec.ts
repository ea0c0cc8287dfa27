import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { appEntries, concretePath } from "../test/support/app-tree";
import { signIn } from "./support/fixtures";

// Every page, route handler and action path found in app/ (so new ones are included), asked of
// the production server anonymously: whatever the answer (page, redirect, 401, 404), the security
// headers are on it (issue 10, DESIGN §13).
const paths = [
  ...new Set(
    appEntries().map((entry) => concretePath(entry.pattern, { id: randomUUID(), format: "strongswan" })),
  ),
  "/_next/static/not-there.js",
];

test("every route of the app tree answers with the security headers", async ({ request }) => {
  for (const path of paths) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-frame-options"], path).toBe("DENY");
    if (!path.startsWith("/_next/")) {
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["content-security-policy"], path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
    }
  }
  console.log(`[headers] ${paths.length} paths checked on the production server`);
});

test("the app's own scripts run under the CSP (no violations reported)", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(message.text()))
      violations.push(message.text());
  });
  await signIn(page, "enterprise@example.com");
  await page.goto("/requests/new");
  // Hydrated: the client-side form validation answers on blur.
  await page.getByLabel("Customer name").fill("");
  await page.getByLabel("Customer name").blur();
  await expect(page.getByLabel("Customer name")).toHaveAttribute("aria-invalid", "true");
  expect(violations).toEqual([]);
});
