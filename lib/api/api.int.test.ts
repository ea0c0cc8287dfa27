// The JSON API end to end in-process: the app's /api/v1 route handlers with real tokens, the real
// database and domain, and provisioning through the real SDK against the EC2 emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { hashApiToken } from "@/lib/api-tokens/token-secret";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { approveVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { callApi, tokenFor } from "@/test/support/api";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { createOrganization, createUser, customerViewer, staffViewer } from "@/test/support/factories";
import { setTestEnv } from "@/test/support/test-env";

// Per token: each test makes its own tokens, so only the limit test comes near it.
setTestEnv({ API_CALLS_PER_MINUTE: "25" });

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

async function customerOf(plan: "ENTERPRISE" | "TEAM" = "ENTERPRISE") {
  const org = await createOrganization(plan);
  const user = await createUser("CUSTOMER", org.id);
  const viewer = customerViewer(user);
  return { org, user, viewer, token: await tokenFor(viewer) };
}

let counter = 0;
function requestBody(orgId: string, overrides: Record<string, string> = {}) {
  counter++;
  return {
    customerName: `API site ${counter}`,
    orgId,
    location: "ie-dub",
    region: "eu-west-1",
    customerGatewayIp: `203.0.113.${10 + (counter % 200)}`,
    routing: "STATIC",
    subnetRanges: "10.0.0.0/8\n192.168.0.0/16",
    ikeVersion: "IKEV2",
    tunnelCount: "2",
    ...overrides,
  };
}

/** Files a request through the API as the token's organization; its ID. */
async function createRequestId(customer: { org: { id: string }; token: string }): Promise<string> {
  const created = await callApi("POST", "/requests", {
    token: customer.token,
    body: requestBody(customer.org.id),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { data: { id: string } }).data.id;
}

type ErrorBody = {
  error: { code: string; message: string; field?: string; fields?: Record<string, string[]> };
};

describe("JSON API with a token", () => {
  it("creates a request, reads it back, and downloads its configuration once provisioned", async () => {
    const { org, viewer, token } = await customerOf();
    const created = await callApi("POST", "/requests", { token, body: requestBody(org.id) });
    expect(created.status).toBe(201);
    expect(created.headers.get("x-correlation-id")).toMatch(/^[0-9a-f-]{36}$/);
    const { data } = (await created.json()) as {
      data: { id: string; status: string; capabilities: string[] };
    };
    expect(data.status).toBe("PENDING_APPROVAL");
    expect(data.capabilities).toContain("cancel");
    expect(created.headers.get("location")).toBe(`/api/v1/requests/${data.id}`);

    const read = await callApi("GET", `/requests/${data.id}`, { token });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { data: { id: string; subnetRanges: string[] } }).data).toMatchObject({
      id: data.id,
      subnetRanges: ["10.0.0.0/8", "192.168.0.0/16"],
    });
    const list = (await (await callApi("GET", "/requests", { token })).json()) as { data: { id: string }[] };
    expect(list.data.map((request) => request.id)).toEqual([data.id]);

    // Not provisioned yet: the configuration is a 409 that says so.
    const early = await callApi("GET", `/requests/${data.id}/configuration?format=strongswan`, { token });
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).error.code).toBe("conflict");

    const staff = await createUser("SUPPORT", null);
    await approveVpnRequest(data.id, staffViewer(staff));
    expect(await runWorkflow(data.id)).toBe("completed");

    const config = await callApi("GET", `/requests/${data.id}/configuration?format=strongswan`, { token });
    expect(config.status).toBe(200);
    expect(config.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.conf"$/);
    expect(config.headers.get("cache-control")).toBe("no-store");
    const text = await config.text();
    const tunnels = await db.tunnel.findMany({ where: { requestId: data.id }, orderBy: { number: "asc" } });
    for (const tunnel of tunnels) expect(text).toContain(tunnel.outsideIp ?? "missing outside IP");

    const state = await callApi("GET", `/requests/${data.id}/tunnels`, { token });
    expect(state.status).toBe(200);
    const stateBody = (await state.json()) as { data: { status: string; tunnels: unknown[] } };
    expect(stateBody.data.status).toBe("AWAITING_CUSTOMER");
    expect(stateBody.data.tunnels).toHaveLength(2);

    // Audited: the domain's own events as the token's maker, plus one "api.call" per mutating call
    // and per download (not per read); the token's last use is recorded.
    const events = await db.auditEvent.findMany({
      where: { organizationId: org.id },
      orderBy: { createdAt: "asc" },
    });
    const actions = events.map((event) => event.action);
    expect(actions).toContain("vpn-request.submitted");
    expect(actions).toContain("router-config.downloaded");
    const calls = events.filter((event) => event.action === "api.call");
    expect(calls.map((event) => (event.details as { operation: string; status: number }).operation)).toEqual([
      "createRequest",
      "getConfiguration",
      "getConfiguration",
    ]);
    expect(calls.map((event) => (event.details as { status: number }).status)).toEqual([201, 409, 200]);
    expect(calls.every((event) => event.actorId === viewer.id)).toBe(true);
    const row = await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("cancels a pending request, then refuses a second cancel with 409 naming the status", async () => {
    const customer = await customerOf();
    const { token } = customer;
    const id = await createRequestId(customer);
    const cancelled = await callApi("POST", `/requests/${id}/cancel`, { token });
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { data: { status: string } }).data.status).toBe("CANCELLED");
    const again = await callApi("POST", `/requests/${id}/cancel`, { token });
    expect(again.status).toBe(409);
    const body = (await again.json()) as ErrorBody;
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toMatch(/cancel/i);
    // Decommissioning a cancelled request is refused the same way.
    expect((await callApi("POST", `/requests/${id}/decommission`, { token })).status).toBe(409);
  });

  it("decommissions a provisioned VPN through the same domain function as the page", async () => {
    const customer = await customerOf();
    const { token } = customer;
    const id = await createRequestId(customer);
    await approveVpnRequest(id, staffViewer(await createUser("SUPPORT", null)));
    await runWorkflow(id);
    const response = await callApi("POST", `/requests/${id}/decommission`, { token });
    expect(response.status).toBe(202);
    expect(((await response.json()) as { data: { status: string } }).data.status).toBe("DECOMMISSIONING");
    expect(await runWorkflow(id)).toBe("completed");
    expect(await emulator.inventory(id)).toEqual([]);
  });
});

describe("JSON API refusals", () => {
  it("answers 401 to no token, an unknown, a revoked and an expired token", async () => {
    const { viewer, token } = await customerOf();
    const unauthorized = async (headers: Record<string, string>) => {
      const response = await callApi("GET", "/requests", { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await response.json()) as ErrorBody).error.code).toBe("unauthorized");
    };
    await unauthorized({});
    await unauthorized({ authorization: "Bearer vpnp_notarealtokennotarealtokennotarealtokenxxxx" });
    await unauthorized({ authorization: `Basic ${token}` });
    expect((await callApi("GET", "/requests", { token })).status).toBe(200);

    const row = await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashApiToken(token) } });
    await revokeApiToken(row.id, viewer);
    await unauthorized({ authorization: `Bearer ${token}` });

    const expiring = await tokenFor(viewer, "7");
    expect((await callApi("GET", "/requests", { token: expiring })).status).toBe(200);
    await db.apiToken.update({
      where: { tokenHash: hashApiToken(expiring) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await unauthorized({ authorization: `Bearer ${expiring}` });

    // The token acts as its maker: once they are no longer a customer of that organization, it stops.
    const leaving = await tokenFor(viewer);
    expect((await callApi("GET", "/requests", { token: leaving })).status).toBe(200);
    const elsewhere = await createOrganization();
    await db.user.update({ where: { id: viewer.id }, data: { organizationId: elsewhere.id } });
    await unauthorized({ authorization: `Bearer ${leaving}` });
  });

  it("gives a token of organization A 404 for organization B's request, and changes nothing", async () => {
    const a = await customerOf();
    const b = await customerOf();
    const id = await createRequestId(b);
    for (const [method, path] of [
      ["GET", `/requests/${id}`],
      ["GET", `/requests/${id}/tunnels`],
      ["GET", `/requests/${id}/configuration?format=generic`],
      ["POST", `/requests/${id}/cancel`],
      ["POST", `/requests/${id}/decommission`],
    ] as const) {
      const response = await callApi(method, path, { token: a.token });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
    }
    expect(
      ((await (await callApi("GET", "/requests", { token: a.token })).json()) as { data: [] }).data,
    ).toEqual([]);
    const row = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING_APPROVAL");
    // A string that is not an ID names nothing either.
    expect((await callApi("GET", "/requests/not-a-uuid", { token: a.token })).status).toBe(404);
  });

  it("answers a bad body with 400 naming the field, as the form would", async () => {
    const { org, token } = await customerOf();
    const post = (body: unknown) => callApi("POST", "/requests", { token, body });

    const badIp = await post(requestBody(org.id, { customerGatewayIp: "10.1.2.3" }));
    expect(badIp.status).toBe(400);
    const badIpBody = (await badIp.json()) as ErrorBody;
    expect(badIpBody.error).toMatchObject({ code: "validation_failed", field: "customerGatewayIp" });
    expect(badIpBody.error.message).toMatch(/public/i);

    // Every field error at once, each under its field.
    const many = (await (
      await post({ ...requestBody(org.id), customerName: "", tunnelCount: "3" })
    ).json()) as ErrorBody;
    expect(Object.keys(many.error.fields ?? {}).sort()).toEqual(["customerName", "tunnelCount"]);

    const otherOrg = (await (
      await post(requestBody("3f2b8a4e-1111-4222-8333-444455556666"))
    ).json()) as ErrorBody;
    expect(otherOrg.error.field).toBe("orgId");

    const missing = (await (await post({ orgId: org.id })).json()) as ErrorBody;
    expect(missing.error.code).toBe("validation_failed");
    expect(missing.error.fields?.customerName?.[0]).toMatch(/Customer name is missing/);

    const notJson = await callApi("POST", "/requests", {
      token,
      rawBody: "{ not json",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    const form = await callApi("POST", "/requests", {
      token,
      rawBody: "customerName=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const huge = await post({ ...requestBody(org.id), customerName: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe("payload_too_large");
    expect(await db.vpnRequest.count({ where: { organizationId: org.id } })).toBe(0);

    const badFormat = await callApi("GET", `/requests/${crypto.randomUUID()}/configuration?format=nope`, {
      token,
    });
    expect(badFormat.status).toBe(400);
    expect(((await badFormat.json()) as ErrorBody).error.field).toBe("format");
  });

  it("refuses what the organization is not entitled to with 422 and the reason", async () => {
    const { org, token } = await customerOf("TEAM");
    const response = await callApi("POST", "/requests", { token, body: requestBody(org.id) });
    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error.code).toBe("refused");
  });

  it("limits calls per token (429 with Retry-After), leaving other tokens alone", async () => {
    const { viewer, token } = await customerOf();
    const statuses: number[] = [];
    for (let call = 0; call < 26; call++)
      statuses.push((await callApi("GET", "/requests", { token })).status);
    expect(statuses.slice(0, 25).every((status) => status === 200)).toBe(true);
    const limited = await callApi("GET", "/requests", { token });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as ErrorBody).error.code).toBe("rate_limited");
    expect((await callApi("GET", "/requests", { token: await tokenFor(viewer) })).status).toBe(200);
  });
});
