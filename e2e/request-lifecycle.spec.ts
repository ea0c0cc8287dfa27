import { expect, test } from "@playwright/test";
import {
  acceptApproveConfirmation,
  fillValidStaticRequest,
  signedInPage,
  signIn,
  submitStaticRequest,
  uniqueName,
} from "./support/fixtures";

test.describe("a customer requests a VPN and support decides", () => {
  test("customer submits a valid request and sees it pending; support approves it", async ({ browser }) => {
    const customer = await signedInPage(browser, "enterprise@example.com");
    await customer.getByRole("link", { name: "New VPN request" }).first().click();
    const name = uniqueName("Plant");
    await fillValidStaticRequest(customer, name);
    await customer.getByRole("button", { name: "Submit request" }).click();

    await expect(customer.getByRole("heading", { name })).toBeVisible();
    await expect(customer.getByText("Request submitted")).toBeVisible();
    await expect(customer.getByLabel("Status").getByText("Pending approval")).toBeVisible();
    const requestId = customer.url().split("/requests/")[1]?.split("?")[0];
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    await customer.goto("/requests");
    await expect(
      customer.getByRole("row", { name: new RegExp(name) }).getByText("Pending approval"),
    ).toBeVisible();

    const support = await signedInPage(browser, "support@example.com");
    await expect(support).toHaveURL(/\/support$/);
    await support.getByRole("link", { name }).click();
    await expect(support.getByRole("list", { name: "Audit trail" }).getByText("Submitted")).toBeVisible();
    acceptApproveConfirmation(support);
    await support.getByRole("button", { name: "Approve" }).click();
    // Approval hands the request to the worker at once, so it may already be provisioning.
    const approvedOrLater = /^(Approved|Provisioning|Awaiting your router)$/;
    await expect(support.getByLabel("Status").getByText(approvedOrLater)).toBeVisible();
    await expect(
      support.getByRole("list", { name: "Audit trail" }).getByText("Approved", { exact: true }),
    ).toBeVisible();

    await customer.goto(`/requests/${requestId}`);
    await expect(customer.getByLabel("Status").getByText(approvedOrLater)).toBeVisible();
    await expect(
      customer.getByRole("list", { name: "Audit trail" }).getByText("Approved", { exact: true }),
    ).toBeVisible();
  });

  test("invalid input shows field errors and keeps what was typed", async ({ page }) => {
    await signIn(page, "teamplus@example.com");
    await page.goto("/requests/new");
    await page.getByLabel("Customer name").fill("Warehouse");
    await page.getByLabel("Location").selectOption("au-syd");
    await page.getByLabel("Customer gateway public IP").fill("192.168.1.1");
    await page.getByLabel("Routing").selectOption("Static");
    await page.getByLabel("Subnet ranges").fill("10.0.0.0/16\n10.0.5.0/24");
    await page.getByRole("button", { name: "Submit request" }).click();

    const ip = page.getByLabel("Customer gateway public IP");
    await expect(ip).toHaveAttribute("aria-invalid", "true");
    // Each error is its field's accessible description: what a screen reader announces with it.
    await expect(ip).toHaveAccessibleDescription(/private \(RFC 1918\)/);
    await expect(page.getByLabel("Subnet ranges")).toHaveAccessibleDescription(/overlap/i);
    await expect(ip).toHaveValue("192.168.1.1");
    await expect(page.getByLabel("Subnet ranges")).toHaveValue("10.0.0.0/16\n10.0.5.0/24");
    await expect(page.getByLabel("Customer name")).toHaveValue("Warehouse");

    await page.getByLabel("Routing").selectOption("BGP");
    await page.getByLabel("BGP ASN").fill("23456");
    await page.getByLabel("BGP ASN").blur();
    await expect(page.getByLabel("BGP ASN")).toHaveAccessibleDescription(/reserved|AS_TRANS/i);
    await page.getByLabel("BGP ASN").fill("64512");
    await page.getByLabel("BGP ASN").blur();
    await expect(page.getByLabel("BGP ASN")).toHaveAccessibleDescription(/platform/i);

    // Fixing every field lets the request through.
    await ip.fill("203.0.113.77");
    await page.getByLabel("BGP ASN").fill("65020");
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByText("Request submitted")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Warehouse" })).toBeVisible();
  });

  test("the server refuses what the page would have caught", async ({ page }) => {
    await signIn(page, "enterprise@example.com");
    await page.goto("/requests/new");
    await fillValidStaticRequest(page, uniqueName("Bypass"));
    // Skip the page's own checks, as a crafted request would: the server must still refuse.
    await page.evaluate(() => {
      const form = document.querySelector("form[aria-describedby='form-status']") as HTMLFormElement;
      const input = form.querySelector("#customerGatewayIp") as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
      setter?.call(input, "10.1.1.1");
      form.onsubmit = null;
      HTMLFormElement.prototype.requestSubmit.call(form);
    });
    await expect(page.getByText("The request was not submitted")).toBeVisible();
  });

  test("a Team organization without the add-on sees why it cannot request", async ({ page }) => {
    await signIn(page, "team@example.com");
    await page.goto("/requests/new");
    await expect(page.getByText("Your plan does not include site-to-site VPN")).toBeVisible();
    await expect(page.getByText(/add-on/i).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Submit request" })).toHaveCount(0);
  });

  test("support rejects with a required reason the customer then reads", async ({ browser }) => {
    const { page: customer, name } = await submitStaticRequest(browser, "teamplus@example.com", "Reject me");
    const url = customer.url();

    const support = await signedInPage(browser, "admin@example.com");
    await support.goto("/support");
    await support.getByRole("link", { name }).click();
    await support.getByRole("button", { name: "Reject" }).click();
    await expect(support.getByLabel("Reason")).toHaveAccessibleDescription(/at least 10 characters/);
    await support
      .getByLabel("Reason")
      .fill("The gateway IP is in use by another VPN; send the address of the new router.");
    await support.getByRole("button", { name: "Reject" }).click();
    await expect(support.getByLabel("Status").getByText("Rejected")).toBeVisible();

    await customer.goto(url);
    await expect(customer.getByText("The gateway IP is in use by another VPN")).toBeVisible();
  });

  test("the customer can cancel a pending request", async ({ page }) => {
    await signIn(page, "enterprise@example.com");
    await page.goto("/requests/new");
    await fillValidStaticRequest(page, uniqueName("Cancel me"));
    await page.getByRole("button", { name: "Submit request" }).click();
    await expect(page.getByText("Request submitted")).toBeVisible();
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Cancel request" }).click();
    await expect(page.getByLabel("Status").getByText("Cancelled")).toBeVisible();
  });
});
