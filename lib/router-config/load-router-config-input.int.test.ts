// Router configuration from stored parameters of a request provisioned through the real workflow
// (EC2 emulator over HTTP), and who may download it: real PostgreSQL, no mocks.
import { DescribeVpnConnectionsCommand } from "@aws-sdk/client-ec2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2For } from "@/lib/aws/ec2-client";
import { db } from "@/lib/db";
import { runWorkflow } from "@/lib/provisioning/run-workflow";
import { startEmulatorForApp, type TestEmulator } from "@/test/support/emulator";
import { createOrganization, createUser } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { getRouterConfigPage } from "./get-router-config-page";
import { loadRouterConfigInput } from "./load-router-config-input";
import { routerConfigResponse } from "./router-config-response";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startEmulatorForApp();
});
afterAll(async () => {
  await emulator?.close();
});

async function emulatorTunnels(vpnConnectionId: string, region: string) {
  const described = await ec2For(region, null).send(
    new DescribeVpnConnectionsCommand({ VpnConnectionIds: [vpnConnectionId] }),
  );
  return (described.VpnConnections?.[0]?.Options?.TunnelOptions ?? []).map((t) => ({
    outsideIp: t.OutsideIpAddress,
    insideCidr: t.TunnelInsideCidr,
    psk: t.PreSharedKey,
  }));
}

type User = { id: string; email: string };

/** Who asks for a download or the page: a customer of `organizationId`, or staff. */
function customerView(user: User, organizationId: string) {
  return {
    actor: { id: user.id, email: user.email },
    scope: { kind: "organization" as const, organizationId },
  };
}
function staffView(user: User) {
  return { actor: { id: user.id, email: user.email }, scope: { kind: "staff" as const } };
}

describe("loadRouterConfigInput", () => {
  it("builds the input of a provisioned static request from its rows, with the PSKs AWS holds", async () => {
    const { id, org } = await createApprovedRequest();
    expect(await runWorkflow(id)).toBe("completed");
    const loaded = await loadRouterConfigInput(id, { kind: "organization", organizationId: org.id });
    if (loaded.state !== "ready") throw new Error(`expected ready, got ${loaded.state}`);
    const { input } = loaded;
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id } });
    expect(input).toMatchObject({
      requestId: id,
      vpnConnectionId: request.vpnConnectionId,
      routing: "STATIC",
      ikeVersion: "IKEV2",
      customerGatewayIp: request.customerGatewayIp,
      customerAsn: null,
      platformAsn: request.platformAsn ?? 64512,
      customerCidrs: ["10.0.0.0/8", "192.168.0.0/16"],
      platformVpcCidr: request.platformVpcCidr,
    });
    expect(input.tunnels.map((t) => t.number)).toEqual([1, 2]);
    const aws = await emulatorTunnels(input.vpnConnectionId, request.region);
    for (const tunnel of input.tunnels) {
      expect(aws).toContainEqual({
        outsideIp: tunnel.outsideIp,
        insideCidr: tunnel.insideCidr,
        psk: tunnel.psk,
      });
    }
  });

  it("a single-tunnel BGP request gives tunnel 1 only, the advertised networks and the customer ASN", async () => {
    const { id } = await createApprovedRequest({
      routing: "BGP",
      subnetRanges: "",
      bgpAsn: "65010",
      advertisedNetworks: "172.31.250.0/24",
      tunnelCount: "1",
    });
    expect(await runWorkflow(id)).toBe("completed");
    const loaded = await loadRouterConfigInput(id, { kind: "staff" });
    if (loaded.state !== "ready") throw new Error(`expected ready, got ${loaded.state}`);
    expect(loaded.input.tunnels.map((t) => t.number)).toEqual([1]);
    expect(loaded.input.customerAsn).toBe(65010);
    expect(loaded.input.customerCidrs).toEqual(["172.31.250.0/24"]);
  });

  it("is 'not ready' before provisioning and 'not found' for another organization or a bad id", async () => {
    const { id, org } = await createApprovedRequest();
    const pending = await loadRouterConfigInput(id, { kind: "organization", organizationId: org.id });
    expect(pending.state).toBe("not-ready");
    const other = await createOrganization();
    expect((await loadRouterConfigInput(id, { kind: "organization", organizationId: other.id })).state).toBe(
      "not-found",
    );
    expect((await loadRouterConfigInput("not-a-uuid", { kind: "staff" })).state).toBe("not-found");
  });
});

describe("router configuration download", () => {
  it("serves the owning organization an attachment, uncached, and audits who took which format", async () => {
    const { id, org, customer } = await createApprovedRequest();
    await runWorkflow(id);
    const viewer = customerView(customer, org.id);
    const response = await routerConfigResponse(id, "strongswan", viewer);
    expect(response.status).toBe(200);
    const request = await db.vpnRequest.findUniqueOrThrow({ where: { id }, include: { tunnels: true } });
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="${request.vpnConnectionId}-strongswan.conf"`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    for (const tunnel of request.tunnels) expect(body).toContain(tunnel.outsideIp ?? "missing");

    const events = await db.auditEvent.findMany({
      where: { targetId: id, action: "router-config.downloaded" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: customer.id,
      actorEmail: customer.email,
      organizationId: org.id,
      details: { format: "strongswan", filename: `${request.vpnConnectionId}-strongswan.conf` },
    });
  });

  it("answers 404 to another organization's customer, an unknown format and FRR on a static connection", async () => {
    const { id, staff } = await createApprovedRequest();
    await runWorkflow(id);
    const otherOrg = await createOrganization();
    const outsider = await createUser("CUSTOMER", otherOrg.id);
    const outsiderView = customerView(outsider, otherOrg.id);
    expect((await routerConfigResponse(id, "strongswan", outsiderView)).status).toBe(404);
    expect((await routerConfigResponse(id, "strongswan", null)).status).toBe(404);
    const staffViewer = staffView(staff);
    expect((await routerConfigResponse(id, "no-such-format", staffViewer)).status).toBe(404);
    expect((await routerConfigResponse(id, "frr", staffViewer)).status).toBe(404);
    expect(
      await db.auditEvent.count({ where: { targetId: id, action: { startsWith: "router-config." } } }),
    ).toBe(0);

    expect((await routerConfigResponse(id, "cisco-ios", staffViewer)).status).toBe(200);
    const events = await db.auditEvent.findMany({
      where: { targetId: id, action: "router-config.downloaded" },
    });
    expect(events.map((e) => [e.actorEmail, e.details])).toEqual([
      [staff.email, { format: "cisco-ios", filename: expect.stringMatching(/-cisco-ios\.txt$/) }],
    ]);
  });

  it("answers 409 with the reason while the connection is not provisioned", async () => {
    const { id, staff } = await createApprovedRequest();
    const response = await routerConfigResponse(id, "generic", staffView(staff));
    expect(response.status).toBe(409);
    expect(await response.text()).toMatch(/not ready yet/);
  });

  it("the page offers only formats that fit the routing, and audits a preview that shows the PSKs", async () => {
    const { id, org, customer } = await createApprovedRequest();
    await runWorkflow(id);
    const viewer = customerView(customer, org.id);
    const bare = await getRouterConfigPage(id, undefined, viewer);
    if (bare.state !== "found" || bare.connection.state !== "ready") throw new Error("expected a ready page");
    expect(bare.connection.formats.map((f) => f.id)).not.toContain("frr");
    expect(bare.connection.formats).toHaveLength(11); // every format but FRR (BGP only), libreswan included
    expect(
      await db.auditEvent.count({ where: { targetId: id, action: { startsWith: "router-config." } } }),
    ).toBe(0);

    const shown = await getRouterConfigPage(id, "vyos", viewer);
    if (shown.state !== "found" || shown.selected?.state !== "ready") throw new Error("expected the page");
    expect(shown.selected.filename).toMatch(/-vyos\.txt$/);
    expect(await db.auditEvent.count({ where: { targetId: id, action: "router-config.viewed" } })).toBe(1);
    expect((await getRouterConfigPage(id, "frr", viewer)).state).toBe("not-found");
  });
});

describe("device parameters of an organization's second connection", () => {
  it("defaults to tunnel numbers that do not collide with its first, and the download URL's query wins", async () => {
    const first = await createApprovedRequest();
    const second = await createApprovedRequest({ ikeVersion: "IKEV1" });
    expect(await runWorkflow(first.id)).toBe("completed");
    expect(await runWorkflow(second.id)).toBe("completed");
    // The second request becomes the same organization's later connection.
    await db.vpnRequest.update({
      where: { id: second.id },
      data: { organizationId: first.org.id, submittedAt: new Date(Date.now() + 1000) },
    });
    const staff = staffView(first.staff);
    const loadedFirst = await loadRouterConfigInput(first.id, staff.scope);
    const loadedSecond = await loadRouterConfigInput(second.id, staff.scope);
    if (loadedFirst.state !== "ready" || loadedSecond.state !== "ready") throw new Error("expected ready");
    expect(loadedFirst.connectionIndex).toBe(1);
    expect(loadedSecond.connectionIndex).toBe(2);

    const a = await (await routerConfigResponse(first.id, "cisco-ios", staff)).text();
    const b = await (await routerConfigResponse(second.id, "cisco-ios", staff)).text();
    expect(a).toMatch(/^interface Tunnel1$/m);
    expect(a).toMatch(/^interface Tunnel2$/m);
    expect(b).toMatch(/^interface Tunnel3$/m);
    expect(b).toMatch(/^interface Tunnel4$/m);
    expect(b).not.toMatch(/^interface Tunnel[12]$/m);

    const custom = await routerConfigResponse(
      second.id,
      "cisco-ios",
      staff,
      new URLSearchParams({ outside: "GigabitEthernet0/0/0", tunnel1: "41", tunnel2: "42" }),
    );
    const text = await custom.text();
    expect(text).toMatch(/^interface Tunnel41$/m);
    expect(text).toContain(" tunnel source GigabitEthernet0/0/0");
    const page = await getRouterConfigPage(
      second.id,
      { format: "cisco-ios", outside: "GigabitEthernet0/0/0", tunnel1: "41", tunnel2: "42" },
      staff,
    );
    if (page.state !== "found" || page.selected?.state !== "ready") throw new Error("expected a preview");
    expect(page.selected.content).toBe(
      text.replace(/Generated: {4}\S+/, page.selected.content.match(/Generated: {4}\S+/)?.[0] ?? ""),
    );
    expect(page.selected.query).toBe("?outside=GigabitEthernet0%2F0%2F0&tunnel1=41&tunnel2=42");

    // ASA cannot do SHA-2 with IKEv1: refused with the reason, never rendered.
    const refused = await routerConfigResponse(second.id, "cisco-asa", staff);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toMatch(/IKEv2/);
    const refusedPage = await getRouterConfigPage(second.id, "cisco-asa", staff);
    if (refusedPage.state !== "found" || refusedPage.connection.state !== "ready")
      throw new Error("expected the page");
    expect(refusedPage.selected).toMatchObject({ state: "refused", id: "cisco-asa" });
    expect(refusedPage.connection.formats.find((f) => f.id === "cisco-asa")?.refused).toMatch(/SHA-2/);
  });
});
