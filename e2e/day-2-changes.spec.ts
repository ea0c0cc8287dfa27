// Issue 12: a customer changes a live VPN from its request page — a key rotated on tunnel 1 only,
// a static route added and removed, AWS's tunnel maintenance applied from the tunnel card — and the
// emulator (what AWS holds) follows.
import { readFileSync } from "node:fs";
import { DescribeVpnConnectionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { expect, type Page, test } from "@playwright/test";
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
  return {
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
  const { page: customer, requestId } = await submitStaticRequest(
    await browser.newContext(),
    "enterprise@example.com",
    "Day two",
  );
  await approveAsSupport(browser, requestId);
  await expect(async () => {
    await customer.reload();
    await expect(customer.getByLabel("Status").getByText("Awaiting your router")).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 60_000 });

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
