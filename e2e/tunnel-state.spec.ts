import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { openWebhook } from "../test/support/webhook";
import { approveAsSupport, signedInPage, submitStaticRequest } from "./support/fixtures";
import { readCaughtMail } from "./support/mailbox";
import { E2E_ENV_FILE } from "./support/settings";

type E2eEnv = { emulatorUrl: string; mailCatcherUrl: string };
type Hook = { headers: IncomingHttpHeaders; body: string };

test("a tunnel going down shows DEGRADED live and alerts by email and signed webhook", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const env = JSON.parse(readFileSync(E2E_ENV_FILE, "utf8")) as E2eEnv;
  const emulator = async (path: string, body?: unknown) => {
    const response = await fetch(`${env.emulatorUrl}/_emulator/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `emulator ${path}`).toBe(true);
    return response.json() as Promise<{ resources?: { id: string; type: string }[] }>;
  };

  // The customer's webhook receiver.
  const hooks: Hook[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/vpn-alerts`;
  const secret = `e2e-secret-${Date.now()}-abcdef`;
  const mailbox = `noc-${Date.now().toString(36)}@example.test`;

  try {
    const {
      page: customer,
      name,
      requestId,
    } = await submitStaticRequest(browser, "enterprise@example.com", "Alerted");
    const requestUrl = customer.url().split("?")[0] ?? "";

    const support = await approveAsSupport(browser, requestId);
    await expect(customer.getByLabel("Status").getByText("Awaiting your router")).toBeVisible({
      timeout: 60_000,
    });

    // Where the organization's alerts go.
    await customer.getByRole("link", { name: "Alert settings" }).click();
    await customer.getByLabel("Alert email addresses").fill(mailbox);
    await customer.getByLabel("Webhook URL").fill(receiverUrl);
    await customer.getByLabel("Webhook signing secret").fill(secret);
    await customer.getByRole("button", { name: "Save alert settings" }).click();
    await expect(customer.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    await expect(customer.getByText(`ending …${secret.slice(-4)}`)).toBeVisible();
    // The address receives alerts once its owner opens the link mailed to it (issue 10).
    await expect(customer.getByText(`Waiting for confirmation`)).toBeVisible();
    let link = "";
    await expect
      .poll(
        async () => {
          const messages = await readCaughtMail(env.mailCatcherUrl);
          const mail = messages.find(
            (message) =>
              message.envelopeTo.includes(mailbox) && message.subject.includes("Confirm alert e-mails"),
          );
          link = mail?.text.match(/\/settings\/confirm-email\?token=[A-Za-z0-9_%-]+/)?.[0] ?? "";
          return link !== "";
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await customer.goto(link);
    await expect(customer.getByText("This address is confirmed")).toBeVisible();

    await customer.goto(requestUrl);
    const tunnels = customer.getByRole("region", { name: "Tunnels" });
    await expect(tunnels).toBeVisible();
    const { resources = [] } = await emulator(
      `inventory?tag=${encodeURIComponent(`portal:request-id=${requestId}`)}&type=vpn-connection`,
    );
    const vpnConnectionId = resources[0]?.id ?? "";
    expect(vpnConnectionId).toMatch(/^vpn-/);

    // The customer's router brings both tunnels up.
    await emulator("telemetry", { updates: [{ vpnConnectionId, status: "UP", statusMessage: "" }] });
    await expect(customer.getByLabel("Status").getByText("Active", { exact: true })).toBeVisible({
      timeout: 15_000,
    });
    await expect(tunnels.getByText("Redundancy met")).toBeVisible();

    // Tunnel 1 fails: the page follows without a reload.
    const downAt = Date.now();
    await emulator("telemetry", {
      vpnConnectionId,
      tunnel: 1,
      status: "DOWN",
      statusMessage: "IPSEC IS DOWN",
    });
    await expect(customer.getByLabel("Status").getByText("Degraded")).toBeVisible({ timeout: 15_000 });
    console.log(`DEGRADED shown ${Date.now() - downAt} ms after tunnel 1 went down`);
    await expect(tunnels.getByText("No redundancy")).toBeVisible();
    const tunnel1 = tunnels.getByRole("region", { name: /Tunnel 1/ });
    // AWS's telemetry says only this; the cause of a failure is in the tunnel log (DESIGN §10).
    // …and no cause is read from it (decision 023): without a tunnel-log event the card says so.
    await expect(tunnel1.getByText("Down; AWS's tunnel log gives no cause yet.")).toBeVisible();
    await expect(tunnel1.getByText("IPSEC IS DOWN", { exact: true })).toBeVisible();
    // Its recent changes, newest first, are listed once the customer opens them.
    await tunnel1.getByText(/^Recent changes \(\d+\)$/).click();
    await expect(tunnel1.getByRole("listitem").first()).toHaveText(/: Down — IPSEC IS DOWN$/);

    // The email, through real SMTP into the catcher.
    await expect
      .poll(
        async () => {
          const messages = await readCaughtMail(env.mailCatcherUrl);
          return (
            messages.find(
              (message) =>
                message.envelopeTo.includes(mailbox) && message.subject.includes(`${name}: tunnel 1 down`),
            )?.subject ?? null
          );
        },
        { timeout: 30_000 },
      )
      .toBe(`[VPN] ${name}: tunnel 1 down, redundancy lost`);

    // The webhook, signed with the organization's secret.
    const isDownAlert = (hook: Hook) => hook.body.includes(requestId) && hook.body.includes('"tunnel.down"');
    await expect.poll(() => hooks.filter(isDownAlert).length, { timeout: 30_000 }).toBeGreaterThan(0);
    const hook = hooks.find(isDownAlert) as Hook;
    expect(openWebhook(hook, secret)).toMatchObject({
      kind: "tunnel.down",
      redundancy: { met: false, change: "lost" },
      tunnel: { number: 1, cause: "unknown" },
    });

    // The delivery log shows both deliveries; staff see the connection on their overview.
    await customer.goto("/settings");
    await expect(
      customer
        .getByRole("table", { name: "Recent alert deliveries" })
        .getByText(`[VPN] ${name}: tunnel 1 down, redundancy lost`)
        .first(),
    ).toBeVisible();
    await support.getByRole("link", { name: "Connections" }).click();
    await expect(support.getByRole("heading", { name: "Connections" })).toBeVisible();
    await support.getByRole("combobox", { name: "Status" }).selectOption("DEGRADED");
    await support.getByRole("button", { name: "Filter" }).click();
    await expect(support.getByRole("link", { name })).toBeVisible();

    // The live JSON is authorized like the page: staff see it, another organization gets 404.
    expect((await support.request.get(`/api/requests/${requestId}/tunnels`)).status()).toBe(200);
    const other = await signedInPage(browser, "teamplus@example.com");
    expect((await other.request.get(`/api/requests/${requestId}/tunnels`)).status()).toBe(404);
  } finally {
    receiver.close();
  }
});
