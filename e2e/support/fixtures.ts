import { expect, type Page } from "@playwright/test";
import { currentTotp } from "../../lib/auth/totp";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./settings";

/**
 * Signs in through the real form. Staff are then asked for their second factor (issue 15): the
 * helper plays the authenticator app with the demo staff's known secret (e2e database only).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await submitSignInForm(page, email, password);
  await completeSecondFactor(page);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Fills in the sign-in form the page shows and sends it (whether it then succeeds is the caller's). */
export async function submitSignInForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

type PageSource = { newPage(): Promise<Page> };

/** A new page (of a browser or a context) signed in as `email` through the real form. */
export async function signedInPage(source: PageSource, email: string, password = DEMO_PASSWORD) {
  const page = await source.newPage();
  await signIn(page, email, password);
  return page;
}

/** Support signs in on a new page, opens the request and approves it; returns support's page. */
export async function approveAsSupport(source: PageSource, requestId: string) {
  const support = await signedInPage(source, "support@example.com");
  await support.goto(`/support/requests/${requestId}`);
  acceptApproveConfirmation(support);
  await support.getByRole("button", { name: "Approve" }).click();
  return support;
}

/**
 * When the portal asks for a TOTP code, enters the current one; otherwise does nothing. A staff
 * user enrolling (e.g. just invited) gets the secret shown on the page, as a person would type it
 * into their app; the seeded demo staff have DEMO_TOTP_SECRET.
 */
export async function completeSecondFactor(page: Page, secret = DEMO_TOTP_SECRET) {
  const signOut = page.getByRole("button", { name: "Sign out" });
  const code = page.getByLabel("Authentication code");
  await expect(signOut.or(code)).toBeVisible();
  if (!(await code.isVisible())) return;
  const shown = page.getByLabel("TOTP secret");
  if (await shown.isVisible()) {
    await code.fill(currentTotp(await shown.inputValue()));
    await page.getByRole("button", { name: "Confirm and continue" }).click();
    await expect(page.getByRole("list", { name: "Recovery codes" })).toBeVisible();
    await page.getByRole("link", { name: "Continue" }).click();
    return;
  }
  await code.fill(currentTotp(secret));
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Fills the request form with a valid static-routing request; returns the customer name used. */
export async function fillValidStaticRequest(page: Page, customerName: string) {
  await page.getByLabel("Customer name").fill(customerName);
  // Prefilled from the session (DESIGN §2): the organization's platform Org ID.
  await expect(page.getByLabel("Org ID")).toHaveValue(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  );
  await page.getByLabel("Location").selectOption("gb-lon");
  await expect(page.getByLabel("Region")).toHaveValue("eu-west-1");
  await page.getByLabel("Customer gateway public IP").fill("198.51.100.44");
  await page.getByLabel("Routing").selectOption("Static");
  await page.getByLabel("Subnet ranges").fill("10.40.0.0/16\n192.168.40.0/24");
  await page.getByLabel("IKE version").selectOption("IKEv2");
  await page.getByLabel("Tunnels").selectOption("2");
}

export function uniqueName(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A customer signs in on a new page and submits a valid static request, as a user would; returns
 * the page (left on the request), the customer name used and the request's ID.
 */
export async function submitStaticRequest(source: PageSource, email: string, namePrefix: string) {
  const page = await signedInPage(source, email);
  await page.goto("/requests/new");
  const name = uniqueName(namePrefix);
  await fillValidStaticRequest(page, name);
  await page.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByText("Request submitted")).toBeVisible();
  const requestId = page.url().split("/requests/")[1]?.split("?")[0] ?? "";
  return { page, name, requestId };
}

/** Approve asks for confirmation (paid AWS resources follow): accept it, having read what it says. */
export function acceptApproveConfirmation(page: Page) {
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Approve this request?");
    void dialog.accept();
  });
}
