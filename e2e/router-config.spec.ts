import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { approveAsSupport, signedInPage, submitStaticRequest } from "./support/fixtures";
import { E2E_ENV_FILE } from "./support/settings";

/** The outside IPs the EC2 emulator gave the request's VPN connection (what AWS holds). */
async function outsideIpsOf(requestId: string): Promise<string[]> {
  const { emulatorUrl } = JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as { emulatorUrl: string };
  const response = await fetch(
    `${emulatorUrl}/_emulator/inventory?type=vpn-connection&tag=${encodeURIComponent(`portal:request-id=${requestId}`)}`,
  );
  const { resources } = (await response.json()) as { resources: { details?: { outsideIps?: string[] } }[] };
  return resources[0]?.details?.outsideIps ?? [];
}

async function waitForStatus(page: Page, label: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByLabel("Status").getByText(label)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
}

test("customer downloads the router configuration of a provisioned VPN; others get 404; staff see it audited", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const customerContext = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const { page: customer, requestId } = await submitStaticRequest(
    customerContext,
    "enterprise@example.com",
    "Configured",
  );
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  // No configuration before the AWS side exists.
  await expect(customer.getByRole("link", { name: "Router configuration" })).toHaveCount(0);

  const support = await approveAsSupport(browser, requestId);

  // The e2e worker provisions against the emulator within seconds.
  await waitForStatus(customer, "Awaiting your router");
  await customer.getByRole("link", { name: "Router configuration" }).click();
  await expect(customer.getByRole("heading", { name: "Router configuration" })).toBeVisible();
  const vendor = customer.getByLabel("Vendor");
  // Static routing: FRR (BGP only) is not offered.
  await expect(vendor.locator("option[value=frr]")).toHaveCount(0);
  await expect(customer.getByText(/IKEv2 with static routing: keep the tunnels busy/)).toBeVisible();

  const outsideIps = await outsideIpsOf(requestId);
  expect(outsideIps).toHaveLength(2);

  await vendor.selectOption("strongswan");
  await expect(customer).toHaveURL(/format=strongswan/);
  const preview = customer.getByRole("region", { name: "Configuration preview" });
  await expect(customer.getByRole("heading", { name: "strongSwan (swanctl.conf)" })).toBeVisible();
  for (const ip of outsideIps) await expect(preview).toContainText(ip);
  await customer.getByRole("button", { name: "Copy" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toBeVisible();

  const [download] = await Promise.all([
    customer.waitForEvent("download"),
    customer.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^vpn-[0-9a-f]{17}-strongswan\.conf$/);
  const file = readFileSync(await download.path(), "utf8");
  expect(file).toContain("connections {");
  for (const ip of outsideIps) expect(file).toContain(ip);

  await expect(customer.getByText(/Proven in the portal's lab/)).toBeVisible();
  await expect(customer.getByText(/Your router starts the tunnels\./)).toBeVisible();

  // Other formats render from the same stored parameters.
  await vendor.selectOption("cisco-ios");
  await expect(customer.getByRole("heading", { name: "Cisco IOS / IOS XE" })).toBeVisible();
  for (const ip of outsideIps) await expect(preview).toContainText(ip);
  await expect(customer.getByText(/Written for Cisco IOS XE/)).toBeVisible();
  await expect(
    customer.getByText(/Checked against the vendor's documentation, not proven in the lab/),
  ).toBeVisible();

  // Device parameters: the URL carries them, so preview, copy and download agree.
  // The organization's Nth connection defaults to tunnels 2N-1 and 2N (other specs provision
  // connections for this organization too, so N depends on the run).
  const tunnel1 = customer.getByLabel("Tunnel 1 interface number");
  await expect(tunnel1).toHaveValue(/^\d*[13579]$/);
  await expect(preview).toContainText(`interface Tunnel${await tunnel1.inputValue()}`);
  await customer.getByLabel("Outside interface").fill("GigabitEthernet0/0/1");
  await customer.getByLabel("Tunnel 1 interface number").fill("7");
  await customer.getByLabel("Tunnel 2 interface number").fill("8");
  await customer.getByRole("button", { name: "Apply parameters" }).click();
  await expect(customer).toHaveURL(/tunnel1=7/);
  await expect(preview).toContainText("interface Tunnel7");
  await expect(preview).toContainText("interface Tunnel8");
  await expect(preview).toContainText("tunnel source GigabitEthernet0/0/1");
  await expect(preview).not.toContainText("interface Tunnel1\n");
  const [iosDownload] = await Promise.all([
    customer.waitForEvent("download"),
    customer.getByRole("link", { name: "Download" }).click(),
  ]);
  const iosFile = readFileSync(await iosDownload.path(), "utf8");
  expect(iosFile).toContain("interface Tunnel7");
  expect(iosFile).toContain("track 107 ip sla 107 reachability");
  expect(iosFile).toContain("tunnel source GigabitEthernet0/0/1");
  await vendor.selectOption("mikrotik-routeros");
  await expect(customer.getByRole("heading", { name: "MikroTik RouterOS 7" })).toBeVisible();
  await expect(preview).toContainText(outsideIps[0] ?? "missing");

  const direct = await customer.request.get(`/requests/${requestId}/configuration/juniper-srx`);
  expect(direct.status()).toBe(200);
  expect(direct.headers()["content-disposition"]).toMatch(
    /^attachment; filename="vpn-[0-9a-f]{17}-juniper-srx\.txt"$/,
  );
  expect(direct.headers()["cache-control"]).toContain("no-store");
  expect((await customer.request.get(`/requests/${requestId}/configuration/no-such-format`)).status()).toBe(
    404,
  );
  expect((await customer.request.get(`/requests/${requestId}/configuration/frr`)).status()).toBe(404);

  // Another organization's customer: 404 for the page and the download, never 403.
  const stranger = await signedInPage(browser, "teamplus@example.com");
  const page = await stranger.goto(`/requests/${requestId}/configuration`);
  expect(page?.status()).toBe(404);
  const file404 = await stranger.request.get(`/requests/${requestId}/configuration/strongswan`);
  expect(file404.status()).toBe(404);
  expect(await file404.text()).not.toContain(outsideIps[0] ?? "missing");

  // Staff see who downloaded what in the request's history.
  await support.goto(`/support/requests/${requestId}`);
  const trail = support.getByRole("list", { name: "Audit trail" });
  await expect(trail.getByText("Router configuration downloaded").first()).toBeVisible();
  await expect(trail.getByText("Router configuration viewed").first()).toBeVisible();
  await expect(
    trail.getByRole("listitem").filter({ hasText: "Router configuration downloaded" }).first(),
  ).toContainText("enterprise@example.com");
  await support.getByRole("link", { name: "Router configuration" }).click();
  await support.getByLabel("Vendor").selectOption("generic");
  await expect(support.getByRole("region", { name: "Configuration preview" })).toContainText(
    outsideIps[1] ?? "x",
  );
  await customerContext.close();
});
