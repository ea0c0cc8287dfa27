import { expect, test } from "@playwright/test";
import { acceptApproveConfirmation, signedInPage, signIn, submitStaticRequest } from "./support/fixtures";

test("another organization's customer gets 404 for the request and cannot approve it", async ({
  browser,
}) => {
  const {
    page: owner,
    name,
    requestId,
  } = await submitStaticRequest(browser, "enterprise@example.com", "Private");

  const stranger = await signedInPage(browser, "teamplus@example.com");
  const detail = await stranger.goto(`/requests/${requestId}`);
  expect(detail?.status()).toBe(404);
  await expect(stranger.getByText("We could not find that page")).toBeVisible();
  await stranger.goto("/requests");
  await expect(stranger.getByText(name)).toHaveCount(0);

  // Staff pages answer 403 to customers, so there is no Approve button to press.
  const review = await stranger.goto(`/support/requests/${requestId}`);
  expect(review?.status()).toBe(403);
  await expect(stranger.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const queue = await stranger.goto("/support");
  expect(queue?.status()).toBe(403);

  await owner.reload();
  await expect(owner.getByLabel("Status").getByText("Pending approval")).toBeVisible();
});

test("two staff approving at once: one wins, the other is told", async ({ browser }) => {
  const { requestId } = await submitStaticRequest(browser, "enterprise@example.com", "Race");

  const first = await browser.newPage();
  const second = await browser.newPage();
  await signIn(first, "support@example.com");
  await signIn(second, "admin@example.com");
  await first.goto(`/support/requests/${requestId}`);
  await second.goto(`/support/requests/${requestId}`);
  acceptApproveConfirmation(first);
  acceptApproveConfirmation(second);
  await Promise.all([
    first.getByRole("button", { name: "Approve" }).click(),
    second.getByRole("button", { name: "Approve" }).click(),
  ]);
  const loserMessages = [first, second].map((page) => page.getByRole("alert", { name: "Approve result" }));
  await expect(async () => {
    const counts = await Promise.all(loserMessages.map((locator) => locator.count()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  }).toPass();
  const [firstMessage, secondMessage] = loserMessages;
  const loser = (await firstMessage?.count()) === 1 ? firstMessage : secondMessage;
  await expect(loser ?? first.locator("none")).toContainText(/already Approved by/);
});

test("an approval is never sent unconfirmed: until the page's script runs, Approve is disabled", async ({
  browser,
}) => {
  const { requestId } = await submitStaticRequest(browser, "enterprise@example.com", "Unconfirmed");
  const staff = await browser.newPage();
  await signIn(staff, "support@example.com");
  // The same signed-in staff, on a page whose script never runs (or has not yet run).
  const noScript = await browser.newContext({
    storageState: await staff.context().storageState(),
    javaScriptEnabled: false,
  });
  const page = await noScript.newPage();
  await page.goto(`/support/requests/${requestId}`);
  await expect(page.getByRole("button", { name: "Approve" })).toBeDisabled();
  // Once it runs, the button asks before it approves.
  await staff.goto(`/support/requests/${requestId}`);
  await expect(staff.getByRole("button", { name: "Approve" })).toBeEnabled();
  await noScript.close();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("support@example.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert", { name: "Sign-in error" })).toContainText(
    "Email or password is incorrect",
  );
  await expect(page.getByLabel("Email")).toHaveValue("support@example.com");
});
