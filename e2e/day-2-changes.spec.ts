// Issue 12: a customer changes a live VPN from its request page — a key rotated on tunnel 1 only,
// a static route added and removed, AWS's tunnel maintenance applied from the tunnel card, a new
// customer gateway IP approved by support — and the emulator (what AWS holds) follows.
import { readFileSync } from "node:fs";
import {
  DescribeCustomerGatewaysCommand,
  DescribeVpnConnectionsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { approveAsSupport, submitStaticRequest } from "./support/fixtures";
import { E2E_ENV_FILE } from "./support/settings";

/** What AWS (the emulator) holds for the request's connection, read as the worker reads it. */
async function connectionIdOf(page: Page, requestId: string) {
  const { emulatorUrl } = JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as { emulatorUrl: string };
  const inventory = await page.request.get(
    `${emulatorUrl}/_emulator/inventory?type=vpn-connection&tag=${encodeURIComponent(`portal:request-id=${requestId}`)}`,
  );
  const { resources } = (await inventory.json()) as { resources: { id: string }[] };
  return { emulatorUrl, vpnConnectionId: resources[0]?.id ?? "" };
}

async function awsConnectionOf(page: Page, requestId: string) {
  const { emulatorUrl, vpnConnectionId } = await connectionIdOf(page, requestId);
  const ec2 = new EC2Client({
    region: "eu-west-1",
    endpoint: emulatorUrl,
    credentials: { accessKeyId: "emulator", secretAccessKey: "emulator" },
  });
  const answer = await ec2.send(new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }));
  const connection = answer.VpnConnections?.[0];
  const gateway = (
    await ec2.send(
      new DescribeCustomerGatewaysCommand({ CustomerGatewayIds: [connection?.CustomerGatewayId ?? ""] }),
    )
  ).CustomerGateways?.[0];
  return {
    state: connection?.State,
    customerGatewayIp: gateway?.IpAddress,
    routes: (connection?.Routes ?? [])
      .filter((route) => route.State !== "deleted")
      .map((route) => route.DestinationCidrBlock)
      .sort(),
    tunnels: (connection?.Options?.TunnelOptions ?? []).map((tunnel) => ({
      outsideIp: tunnel.OutsideIpAddress,
      psk: tunnel.PreSharedKey,
    })),
  };
}

/** The pre-shared keys of the downloaded strongSwan configuration, tunnel 1 first. */
async function downloadedKeys(page: Page, requestId: string): Promise<string[]> {
  const response = await page.request.get(`/requests/${requestId}/configuration/strongswan`);
  expect(response.status()).toBe(200);
  return [...(await response.text()).matchAll(/secret = "([^"]+)"/g)].map((match) => match[1] ?? "");
}

/** A static request a customer submitted and support approved, provisioned: "Awaiting your router". */
async function provisionedStaticRequest(browser: Browser, namePrefix: string) {
  const { page: customer, requestId } = await submitStaticRequest(
    await browser.newContext(),
    "enterprise@example.com",
    namePrefix,
  );
  const support = await approveAsSupport(browser, requestId);
  await expect(async () => {
    await customer.reload();
    await expect(customer.getByLabel("Status").getByText("Awaiting your router")).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });
  return { customer, support, requestId };
}

async function waitForChangeDone(page: Page, text: RegExp) {
  const changes = page.getByRole("list", { name: "Changes" });
  await expect(changes.getByRole("listitem").filter({ hasText: text }).first()).toContainText("Done", {
    timeout: 30_000,
  });
}

test("customer rotates tunnel 1's key, changes static routes and applies a maintenance; AWS follows, outside IPs stay", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const { customer, requestId } = await provisionedStaticRequest(browser, "Day two");

  // The customer's router brings both tunnels up (the portal never takes the last one down).
  const { emulatorUrl, vpnConnectionId } = await connectionIdOf(customer, requestId);
  await customer.request.post(`${emulatorUrl}/_emulator/telemetry`, {
    data: { updates: [{ vpnConnectionId, status: "UP", statusMessage: "" }] },
  });
  await expect(customer.getByLabel("Status").getByText("Active", { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await customer.reload();

  const region = customer.getByRole("region", { name: "Change this VPN" });
  await expect(region).toBeVisible();
  const before = await awsConnectionOf(customer, requestId);
  const keysBefore = await downloadedKeys(customer, requestId);
  expect(keysBefore).toEqual(before.tunnels.map((tunnel) => tunnel.psk));

  // Rotate tunnel 1's key: a new key there, the same on tunnel 2, both outside IPs unchanged.
  customer.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Rotate tunnel 1's pre-shared key?");
    void dialog.accept();
  });
  await region.getByRole("button", { name: "Rotate tunnel 1 key" }).click();
  await waitForChangeDone(customer, /New pre-shared key on tunnel 1/);
  const keysAfter = await downloadedKeys(customer, requestId);
  expect(keysAfter[0]).not.toBe(keysBefore[0]);
  expect(keysAfter[1]).toBe(keysBefore[1]);
  const afterRotation = await awsConnectionOf(customer, requestId);
  expect(afterRotation.tunnels.map((tunnel) => tunnel.psk)).toEqual(keysAfter);
  expect(afterRotation.tunnels.map((tunnel) => tunnel.outsideIp)).toEqual(
    before.tunnels.map((t) => t.outsideIp),
  );
  await expect(region.getByRole("button", { name: "Rotate tunnel 2 key" })).toBeEnabled();
  // The tunnel card's JSON carries the change, without the key.
  const card = await customer.request.get(`/api/requests/${requestId}/tunnels`);
  const cardText = await card.text();
  expect(JSON.parse(cardText).changes[0]).toMatchObject({
    kind: "ROTATE_KEY",
    status: "DONE",
    requested: { tunnel: 1 },
  });
  expect(cardText).not.toContain(keysAfter[0] ?? "-");

  // Add a static route, then remove it: the emulator's routes follow.
  expect(before.routes).toEqual(["10.40.0.0/16", "192.168.40.0/24"]);
  await region.getByLabel("Subnet ranges").fill("10.40.0.0/16\n192.168.40.0/24\n10.41.0.0/16");
  await region.getByRole("button", { name: "Save routes" }).click();
  await waitForChangeDone(customer, /add 10\.41\.0\.0\/16/);
  expect((await awsConnectionOf(customer, requestId)).routes).toEqual([
    "10.40.0.0/16",
    "10.41.0.0/16",
    "192.168.40.0/24",
  ]);
  await customer.reload();
  await region.getByLabel("Subnet ranges").fill("10.40.0.0/16\n192.168.40.0/24");
  await region.getByRole("button", { name: "Save routes" }).click();
  await waitForChangeDone(customer, /remove 10\.41\.0\.0\/16/);
  expect((await awsConnectionOf(customer, requestId)).routes).toEqual(["10.40.0.0/16", "192.168.40.0/24"]);

  // The request's own rules: an overlap is refused on the field, nothing changes.
  await region.getByLabel("Subnet ranges").fill("10.40.0.0/16\n10.40.1.0/24");
  await region.getByRole("button", { name: "Save routes" }).click();
  await expect(region.getByText(/overlap/)).toBeVisible();

  // AWS schedules a maintenance on tunnel 2: the tunnel card shows it with AWS's deadline; applied
  // from the page (tunnel 1 is up again), it is gone from the card and from AWS's status.
  await customer.request.post(`${emulatorUrl}/_emulator/telemetry`, {
    data: { updates: [{ vpnConnectionId, tunnel: 1, status: "UP", statusMessage: "" }] },
  });
  await customer.request.post(`${emulatorUrl}/_emulator/maintenance`, {
    data: { vpnConnectionId, tunnel: 2, autoAppliedAfter: "2030-03-01T09:30:00.000Z" },
  });
  const tunnel2 = customer.getByRole("region", { name: "Tunnel 2" });
  await expect(tunnel2.getByText("Maintenance pending")).toBeVisible({ timeout: 15_000 });
  // As a customer would, apply it once the page shows tunnel 1 up again (the poller has read it):
  // before that, the portal refuses, since tunnel 2 renegotiating would leave no tunnel up.
  await expect(customer.getByRole("heading", { name: "Tunnel 1 Up" })).toBeVisible({ timeout: 15_000 });
  await expect(tunnel2.getByText(/2030/)).toBeVisible();
  await expect(
    customer.getByRole("region", { name: "Tunnel 1" }).getByText("Maintenance pending"),
  ).toHaveCount(0);
  customer.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Apply AWS's maintenance on tunnel 2 now?");
    void dialog.accept();
  });
  await tunnel2.getByRole("button", { name: "Apply maintenance now" }).click();
  await waitForChangeDone(customer, /AWS maintenance applied on tunnel 2/);
  await customer.reload();
  await expect(customer.getByText("Maintenance pending")).toHaveCount(0);
});

test("a gateway change waits for approval, then the connection's customer gateway is the new IP", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { customer, support, requestId } = await provisionedStaticRequest(browser, "New router");
  const before = await awsConnectionOf(customer, requestId);
  expect(before.customerGatewayIp).toBe("198.51.100.44");

  // The page says what the change does before it is asked for; a bad address is refused on the field.
  const region = customer.getByRole("region", { name: "Change this VPN" });
  await expect(
    region.getByText(/both tunnels go down at once and renegotiate with the new IP/),
  ).toBeVisible();
  await region.getByLabel("Customer gateway public IP").fill("10.1.2.3");
  await region.getByRole("button", { name: "Request gateway change" }).click();
  await expect(region.getByLabel("Customer gateway public IP")).toHaveAttribute("aria-invalid", "true");
  await region.getByLabel("Customer gateway public IP").fill("203.0.113.45");
  await region.getByRole("button", { name: "Request gateway change" }).click();
  await expect(region.getByRole("status", { name: "Request gateway change result" })).toContainText(
    "support reviews it",
  );
  await customer.reload();
  const changes = customer.getByRole("list", { name: "Changes" });
  await expect(changes.getByText(/198\.51\.100\.44 → 203\.0\.113\.45/)).toBeVisible();
  await expect(changes).toContainText("Waiting for support's approval");
  // Nothing happens in AWS before support approves.
  expect((await awsConnectionOf(customer, requestId)).customerGatewayIp).toBe("198.51.100.44");

  // Support sees it in the queue beside new requests, and approves it on the request page.
  await support.goto("/support");
  const queued = support.getByRole("table", { name: "Change requests awaiting approval" });
  await queued
    .getByRole("link")
    .filter({ hasText: /New router/ })
    .first()
    .click();
  await expect(support).toHaveURL(new RegExp(`/support/requests/${requestId}`));
  support.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Both tunnels renegotiate");
    void dialog.accept();
  });
  await support.getByRole("button", { name: "Approve gateway change" }).click();

  await waitForChangeDone(customer, /New customer gateway IP/);
  const after = await awsConnectionOf(customer, requestId);
  expect(after).toMatchObject({ state: "available", customerGatewayIp: "203.0.113.45" });
  expect(after.tunnels.map((tunnel) => tunnel.outsideIp)).toEqual(
    before.tunnels.map((tunnel) => tunnel.outsideIp),
  );
  // The request page and the downloaded configuration follow the new IP.
  const config = await customer.request.get(`/requests/${requestId}/configuration/generic`);
  expect(await config.text()).toContain("203.0.113.45");
});

test("staff see a failed change's error and retry it; it resumes and AWS follows", async ({ browser }) => {
  test.setTimeout(120_000);
  const { customer, support, requestId } = await provisionedStaticRequest(browser, "Retry route");

  // AWS refuses the next route removal once (a permanent error): the change fails at that step.
  // Only day-2 route changes remove routes, so no other spec running beside this one meets it.
  const { emulatorUrl } = await connectionIdOf(customer, requestId);
  await customer.request.post(`${emulatorUrl}/_emulator/config`, {
    data: {
      faults: [
        {
          action: "DeleteVpnConnectionRoute",
          kind: "error",
          code: "IncorrectState",
          message: "The VPN connection is being modified; try again later.",
          rate: 1,
          remaining: 1,
        },
      ],
    },
  });
  const region = customer.getByRole("region", { name: "Change this VPN" });
  await region.getByLabel("Subnet ranges").fill("10.40.0.0/16\n10.42.0.0/16");
  await region.getByRole("button", { name: "Save routes" }).click();
  const customerChanges = customer.getByRole("list", { name: "Changes" });
  await expect(customerChanges.getByRole("listitem").first()).toContainText("Failed", { timeout: 30_000 });
  // The customer reads the step and a reference, not AWS's words; there is no retry for them.
  await expect(customerChanges).toContainText(/applyRoutes: The platform could not finish this step/);
  await expect(customerChanges).not.toContainText("IncorrectState");
  await expect(customer.getByRole("button", { name: "Retry change" })).toHaveCount(0);

  await support.reload();
  const staffChanges = support.getByRole("list", { name: "Changes" });
  await expect(staffChanges).toContainText("IncorrectState");
  await support.getByRole("button", { name: "Retry change" }).click();
  await waitForChangeDone(support, /remove 192\.168\.40\.0\/24/);
  expect((await awsConnectionOf(customer, requestId)).routes).toEqual(["10.40.0.0/16", "10.42.0.0/16"]);
});
