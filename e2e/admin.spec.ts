// Administration (issue 14): the admin's organization and user pages drive who may do what, at once.
import { type Browser, expect, type Page, test } from "@playwright/test";
import {
  fillValidStaticRequest,
  signedInPage,
  signIn,
  submitSignInForm,
  uniqueName,
} from "./support/fixtures";
import { linkIn, waitForMail } from "./support/mail";

const PASSWORD = "a-password-of-my-own";

/** The admin invites someone through the Users page; returns the link e-mailed to them. */
async function invite(
  admin: Page,
  user: { email: string; name: string; role: string; organization?: string },
) {
  await admin.goto("/admin/users");
  await admin.getByRole("button", { name: "Invite user" }).click();
  await admin.getByLabel("Email").fill(user.email);
  await admin.getByLabel("Name").fill(user.name);
  await admin.getByLabel("Role").selectOption(user.role);
  await admin
    .getByLabel("Organization")
    .selectOption(user.organization ? { label: user.organization } : { value: "" });
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByRole("status", { name: "Invitation result" })).toContainText(
    `Invitation sent to ${user.email}`,
  );
  return linkIn(await waitForMail(user.email, /invited/), "/invitations/");
}

/** The invitee opens the link, sets a password, and signs in with it. */
async function acceptAndSignIn(browser: Browser, link: string, email: string) {
  // A context of its own, so a second tab of the same user shares the session.
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set your password" })).toBeVisible();
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status", { name: "Set password result" })).toContainText(
    `Password set for ${email}`,
  );
  await signIn(page, email, PASSWORD);
  return page;
}

async function setAddOn(admin: Page, organizationUrl: string, on: boolean) {
  await admin.goto(organizationUrl);
  await admin.getByLabel("VPN add-on").setChecked(on);
  await admin.getByRole("button", { name: "Save organization" }).click();
  await expect(admin.getByRole("status", { name: "Save organization result" })).toHaveText(
    "Organization saved.",
  );
}

test("the admin's VPN add-on governs a Team organization's customer at once; support gets 403", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, "admin@example.com");
  await admin.getByRole("link", { name: "Administration" }).click();
  await admin.getByRole("link", { name: "Organizations" }).first().click();

  // A Team organization without the add-on of this test's own (the demo Team organization is
  // asserted "not entitled" by another spec running in parallel), with a customer invited into it.
  const organization = uniqueName("E2E Team");
  await admin.getByLabel("Name").fill(organization);
  await admin.getByLabel("Plan").selectOption("Team");
  await admin.getByRole("button", { name: "Create organization" }).click();
  await expect(admin.getByRole("heading", { name: organization })).toBeVisible();
  const organizationUrl = admin.url().split("?")[0] ?? "";
  await expect(admin.getByLabel("Plan")).toHaveValue("TEAM");
  await expect(admin.getByLabel("VPN add-on")).not.toBeChecked();
  const email = `${uniqueName("team").replace(/\W+/g, "-")}@example.test`;
  const link = await invite(admin, { email, name: "Tess Team", role: "CUSTOMER", organization });
  const customer = await acceptAndSignIn(browser, link, email);

  await customer.goto("/requests/new");
  await expect(customer.getByText("Your plan does not include site-to-site VPN")).toBeVisible();

  // On: the customer can submit at once.
  await setAddOn(admin, organizationUrl, true);
  await customer.goto("/requests/new");
  await fillValidStaticRequest(customer, uniqueName("Add-on on"));
  await customer.getByRole("button", { name: "Submit request" }).click();
  await expect(customer.getByText("Request submitted")).toBeVisible();

  // A form opened while entitled, then the add-on goes off: the server refuses the submission…
  const stale = await customer.context().newPage();
  await stale.goto("/requests/new");
  await fillValidStaticRequest(stale, uniqueName("Add-on off"));
  await setAddOn(admin, organizationUrl, false);
  await stale.getByRole("button", { name: "Submit request" }).click();
  await expect(stale.getByText(/add-on for the Team plan/).first()).toBeVisible();
  await expect(stale).toHaveURL(/\/requests\/new$/);
  // …and the page says why.
  await customer.goto("/requests/new");
  await expect(customer.getByText("Your plan does not include site-to-site VPN")).toBeVisible();
  await expect(customer.getByRole("button", { name: "Submit request" })).toHaveCount(0);

  // The organization's history shows both changes with before/after.
  await admin.goto(organizationUrl);
  await expect(
    admin.getByRole("list", { name: "Organization history" }).getByText("vpnAddOn: false → true"),
  ).toBeVisible();
  await expect(
    admin.getByRole("list", { name: "Organization history" }).getByText("vpnAddOn: true → false"),
  ).toBeVisible();

  // Support is staff but not admin: no link, and every admin page answers 403.
  const support = await signedInPage(browser, "support@example.com");
  await expect(support.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of [
    "/admin",
    "/admin/organizations",
    organizationUrl.replace(/^https?:\/\/[^/]+/, ""),
    "/admin/users",
    "/admin/settings",
    "/admin/accounts",
  ]) {
    const response = await support.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(support.getByRole("heading", { name: "This page is for platform admins" })).toBeVisible();
  }
  // Capacity is for all staff.
  await support.goto("/support/capacity");
  await expect(support.getByRole("table", { name: "Capacity" })).toBeVisible();
});

test("an invited user sets a password from the e-mailed link and signs in; deactivation ends their open session", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signedInPage(browser, "admin@example.com");
  const email = `${uniqueName("staff").replace(/\W+/g, "-")}@example.test`;
  const link = await invite(admin, { email, name: "Sid Staff", role: "SUPPORT" });

  const invitee = await acceptAndSignIn(browser, link, email);
  await expect(invitee.getByRole("heading", { name: "Request queue" })).toBeVisible();

  // The link works once.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("This invitation link has already been used")).toBeVisible();

  // The admin deactivates the user while their session is open.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByRole("link", { name: email }).click();
  admin.once("dialog", (dialog) => dialog.accept());
  await admin.getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByText(/^Deactivated since/)).toBeVisible();
  await expect(admin.getByRole("button", { name: "Reactivate" })).toBeVisible();

  // Their next request is refused: back to sign-in, and signing in again fails.
  await invitee.goto("/support/connections");
  await expect(invitee).toHaveURL(/\/sign-in$/);
  await expect(invitee.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await submitSignInForm(invitee, email, PASSWORD);
  await expect(invitee.getByRole("alert", { name: "Sign-in error" })).toContainText(
    "Email or password is incorrect",
  );
});

// The account pool (decision 024). No account is added here: a pool changes where every e2e
// request provisions, and the e2e emulator models no other account.
test("the AWS accounts page lists the pool and its form checks a role ARN before anything is saved", async ({
  page,
}) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/accounts");
  await expect(page.getByRole("heading", { name: "AWS accounts" })).toBeVisible();
  await expect(page.getByRole("link", { name: "AWS accounts" })).toHaveAttribute("aria-current", "page");
  const form = page.getByRole("form", { name: "Add AWS account" });
  await form.getByLabel("Name").fill("e2e-pool");
  await form.getByLabel("Role ARN").fill("arn:aws:iam::12345:role/too-short-an-account");
  await form.getByLabel("External ID").fill("an-external-id");
  await form.getByLabel("Regions").fill("eu-west-1");
  await form.getByRole("button", { name: "Add account" }).click();
  await expect(form.getByLabel("Role ARN")).toHaveAccessibleDescription(/A role ARN looks like/);
  await expect(page.getByRole("status", { name: "Add AWS account result" })).toHaveCount(0);
});
