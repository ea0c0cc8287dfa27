import { expect, test } from "@playwright/test";
import { signedInPage, signIn, submitStaticRequest, uniqueName } from "./support/fixtures";

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

test("staff filter every organization's audit log and export it; customers never see staff addresses", async ({
  browser,
}) => {
  // A staff action in a customer's organization: support approves a request.
  const { page: customer, requestId } = await submitStaticRequest(
    await browser.newContext(),
    "enterprise@example.com",
    "Audited",
  );
  const support = await signedInPage(browser, "support@example.com");
  await support.goto(`/support/requests/${requestId}`);
  support.once("dialog", (dialog) => dialog.accept());
  await support.getByRole("button", { name: "Approve" }).click();
  // The page re-renders with the new status (the Approve button and its message go away).
  await expect(support.getByRole("region", { name: "Status" })).not.toContainText("Pending approval");

  await support.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await support.getByLabel("Action", { exact: true }).selectOption("vpn-request.approved");
  await support.getByLabel("Actor e-mail contains").fill("support@");
  await support.getByRole("button", { name: "Filter" }).click();
  await expect(support).toHaveURL(/action=vpn-request.approved/);
  const approved = support.getByRole("row").filter({ hasText: requestId });
  await expect(approved).toContainText("support@example.com");
  const download = support.waitForEvent("download");
  await support.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("time_utc,organization,actor,action,target_type,target_id,details");
  expect(text).toContain(requestId);
  expect(text).not.toContain("vpn-request.submitted");

  // The customer's log names the same event's actor "Platform support", never the address.
  await customer.goto("/audit?action=vpn-request.approved");
  const seen = customer
    .getByRole("row")
    .filter({ hasText: requestId })
    .filter({ hasText: "vpn-request.approved" });
  await expect(seen).toContainText("Platform support");
  expect(await customer.content()).not.toContain("support@example.com");
  expect((await customer.request.get("/support/audit/export")).status()).toBe(403);

  // The API reference is rendered from the document, on the server.
  await customer.goto("/api-docs");
  await expect(customer.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(customer.getByRole("heading", { name: /^post\s*\/api\/v1\/requests$/i })).toBeVisible();
  await expect(customer.getByText("customerGatewayIp").first()).toBeVisible();
});
