// Issue 15: single sign-on through the local OpenID Connect provider, and the staff second factor.
import { expect, type Page, test } from "@playwright/test";
import { currentTotp } from "../lib/auth/totp";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./support/settings";

async function signInWithSso(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  // The provider's own login form, on its own origin.
  await expect(page.getByRole("heading", { name: "Local identity provider" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
}

test("Sign in with SSO through the local provider signs a customer in", async ({ page }) => {
  await signInWithSso(page, "enterprise@example.com");
  await expect(page).toHaveURL(/\/requests/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.getByText("enterprise@example.com")).toBeVisible();
});

test("an SSO user whose e-mail matches no portal user is refused with a clear message", async ({ page }) => {
  await signInWithSso(page, "outsider@example.net");
  await expect(page).toHaveURL(/\/sign-in\?error=sso-unknown-user/);
  await expect(page.getByRole("alert", { name: "Single sign-on error" })).toContainText(
    "No portal account matches the e-mail address your identity provider gave",
  );
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
});

test("a staff password sign-in asks for the TOTP code, refuses a wrong one and accepts the right one", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("support@example.com");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/mfa$/);
  await expect(page.getByRole("heading", { name: "Enter your authentication code" })).toBeVisible();

  // Staff pages are out of reach until the code is given.
  await page.goto("/support");
  await expect(page).toHaveURL(/\/mfa$/);

  const right = currentTotp(DEMO_TOTP_SECRET);
  const wrong = right === "000000" ? "111111" : "000000";
  await page.getByLabel("Authentication code").fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert", { name: "Second factor error" })).toContainText(
    "That code is not correct",
  );
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  await page.getByLabel("Authentication code").fill(currentTotp(DEMO_TOTP_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Request queue" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});

test("staff signing in with SSO are asked for their second factor too", async ({ page }) => {
  await signInWithSso(page, "admin@example.com");
  await expect(page).toHaveURL(/\/mfa$/);
  await page.getByLabel("Authentication code").fill(currentTotp(DEMO_TOTP_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
