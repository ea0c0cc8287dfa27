import { expect, test } from "@playwright/test";
import { signIn, uniqueName } from "./support/fixtures";

test("a customer creates an API token, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page, "teamplus@example.com");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  // The form names the field it refuses.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Name")).toHaveAccessibleDescription(/Give the token a name/);

  const name = uniqueName("Terraform CI");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByRole("status", { name: "New API token" });
  await expect(shown).toContainText("shown only once");
  const token = await shown.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^vpnp_[A-Za-z0-9_-]{43}$/);

  const api = (bearer: string) =>
    request.get("/api/v1/requests", { headers: { authorization: `Bearer ${bearer}` } });
  expect((await api(token)).status()).toBe(200);

  // Once: after a reload the token is nowhere on the page, only its name and prefix.
  await page.reload();
  await expect(page.getByRole("status", { name: "New API token" })).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(token.slice(0, 11));
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never");

  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: `Revoke ${name}` })).toHaveCount(0);
  const refused = await api(token);
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthorized");

  // Both are in the organization's audit log.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "api-token.revoked" }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "api-token.created" }).first()).toBeVisible();
});
