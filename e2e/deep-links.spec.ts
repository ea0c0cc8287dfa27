import { expect, test } from "@playwright/test";
import { signedInPage, submitStaticRequest } from "./support/fixtures";

// A customer pastes the link of their request into a support chat; support pastes theirs back.
test("a request link works for whoever opens it: staff land on the staff view, the customer on theirs", async ({
  browser,
}) => {
  const {
    page: customer,
    name,
    requestId,
  } = await submitStaticRequest(browser, "enterprise@example.com", "Link");

  const support = await signedInPage(browser, "support@example.com");
  await support.goto(`/requests/${requestId}`);
  await expect(support).toHaveURL(new RegExp(`/support/requests/${requestId}$`));
  await expect(support.getByRole("heading", { name })).toBeVisible();
  await expect(support.getByRole("button", { name: "Approve" })).toBeVisible();

  await customer.goto(`/support/requests/${requestId}`);
  await expect(customer).toHaveURL(new RegExp(`/requests/${requestId}$`));
  await expect(customer.getByRole("heading", { name })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Cancel request" })).toBeVisible();
  await expect(customer.getByRole("button", { name: "Approve" })).toHaveCount(0);
});
