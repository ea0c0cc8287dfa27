import { expect, test } from "@playwright/test";
import { approveAsSupport, submitStaticRequest } from "./support/fixtures";

test("approval provisions the AWS side with live progress; decommissioning removes it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { page: customer, requestId } = await submitStaticRequest(
    browser,
    "enterprise@example.com",
    "Provisioned",
  );

  const support = await approveAsSupport(browser, requestId);

  // The customer watches it happen without reloading.
  const steps = customer.getByRole("list", { name: "Provisioning steps" });
  await expect(steps).toBeVisible({ timeout: 30_000 });
  await expect(customer.getByLabel("Status").getByText("Awaiting your router")).toBeVisible({
    timeout: 30_000,
  });
  await expect(steps.getByText("Create the VPN connection with two tunnels — Done")).toBeVisible();
  await expect(customer.getByText(/11 of 11 steps done/)).toBeVisible();
  // AWS identifiers are for staff only.
  await expect(customer.getByText(/vpc-[0-9a-f]{17}/)).toHaveCount(0);

  await support.reload();
  await expect(support.getByText(/vpcId: vpc-[0-9a-f]{17}/)).toBeVisible();
  await expect(support.getByText(/vpnConnectionId: vpn-[0-9a-f]{17}/)).toBeVisible();

  support.once("dialog", (dialog) => dialog.accept());
  await support.getByRole("button", { name: "Decommission" }).click();
  await expect(support.getByLabel("Status").getByText("Decommissioned")).toBeVisible({ timeout: 30_000 });
  await expect(support.getByRole("list", { name: "Audit trail" }).getByText("Decommissioned")).toBeVisible();
});
