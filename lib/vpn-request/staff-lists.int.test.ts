// The staff lists at more than a page of data, on a real PostgreSQL of their own: the queue keeps
// every pending request ahead of the rest across pages, search finds a request by each of its
// handles, counts per status come from the same filters, and the connections page is worst first.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import type { VpnStatus } from "@/lib/generated/prisma/enums";
import { PAGE_SIZE } from "@/lib/lists/parse-list-params";
import { findConnectionsOverview } from "@/lib/tunnels/find-connections-overview";
import { createUser } from "@/test/support/factories";
import type { TestDatabase } from "@/test/support/test-database";
import { startIsolatedDatabase } from "@/test/support/test-env";
import { findRequestQueue } from "./find-vpn-requests";

let database: TestDatabase;
const acme = { id: randomUUID(), name: "Acme Lists Manufacturing" };
const globex = { id: randomUUID(), name: "Globex Lists Logistics" };
const start = Date.UTC(2026, 10, 1);
let counter = 0;

async function make(organizationId: string, status: VpnStatus, count: number, submitterId: string) {
  const rows = Array.from({ length: count }, () => {
    counter++;
    return {
      id: randomUUID(),
      organizationId,
      customerName: `Site ${String(counter).padStart(4, "0")}`,
      location: "ie-dub",
      region: "eu-west-1",
      recommendedRegion: "eu-west-1",
      estimatedRttMs: 5,
      customerGatewayIp: `198.51.100.${counter % 250}`,
      routing: "STATIC" as const,
      subnetRanges: ["10.0.0.0/16"],
      advertisedNetworks: [],
      ikeVersion: "IKEV2" as const,
      tunnelCount: 2,
      status,
      // Interleaved in time, so "pending first" is the order's doing, not the insertion's.
      submittedAt: new Date(start + ((counter * 7919) % 1000) * 60_000),
      statusChangedAt: new Date(start + counter * 60_000),
      submittedById: submitterId,
      vpnConnectionId: status === "PENDING_APPROVAL" ? null : `vpn-${counter.toString(16).padStart(17, "0")}`,
    };
  });
  await db.vpnRequest.createMany({ data: rows });
  return rows;
}

beforeAll(async () => {
  database = await startIsolatedDatabase();
  await db.organization.createMany({
    data: [
      { ...acme, plan: "ENTERPRISE" },
      { ...globex, plan: "ENTERPRISE" },
    ],
  });
  const user = await createUser("CUSTOMER", acme.id);
  await make(acme.id, "PENDING_APPROVAL", 40, user.id);
  await make(globex.id, "PENDING_APPROVAL", 20, user.id);
  await make(acme.id, "ACTIVE", 50, user.id);
  await make(globex.id, "DOWN", 5, user.id);
  await make(acme.id, "DEGRADED", 7, user.id);
  await make(globex.id, "REJECTED", 8, user.id);
});

afterAll(async () => {
  await disconnectDb();
  await database?.stop();
});

const queue = (extra: Partial<Parameters<typeof findRequestQueue>[0]> = {}) =>
  findRequestQueue({ sort: "queue", dir: "asc", page: 1, ...extra });

describe("the request queue", () => {
  it("puts every pending request first, oldest first, across pages", async () => {
    // The first 100 of 130 requests (60 pending), read a page at a time.
    const pages = await Promise.all(
      Array.from({ length: Math.ceil(100 / PAGE_SIZE) }, (_, index) => queue({ page: index + 1 })),
    );
    const [first] = pages;
    expect(first?.total).toBe(130);
    expect(first?.pageCount).toBe(Math.ceil(130 / PAGE_SIZE));
    const rows = pages.flatMap((page) => page.rows).slice(0, 100);
    expect(rows.slice(0, 60).every((row) => row.status === "PENDING_APPROVAL")).toBe(true);
    expect(rows.slice(60).every((row) => row.status !== "PENDING_APPROVAL")).toBe(true);
    const times = (list: typeof rows) => list.map((row) => row.submittedAt.getTime());
    expect(times(rows.slice(0, 60))).toEqual([...times(rows.slice(0, 60))].sort((a, b) => a - b));
    expect(times(rows.slice(60))).toEqual([...times(rows.slice(60))].sort((a, b) => a - b));
    expect(new Set(rows.map((row) => row.id)).size).toBe(100);
  });

  it("counts per status under the same search and organization, whatever the status filter", async () => {
    const page = await queue({ organization: "acme lists", status: "ACTIVE" });
    expect(page.counts).toEqual({ PENDING_APPROVAL: 40, ACTIVE: 50, DEGRADED: 7 });
    expect(page.total).toBe(50);
    expect(page.rows.every((row) => row.organization.id === acme.id && row.status === "ACTIVE")).toBe(true);
  });

  it("finds one request by name, gateway IP, VPN connection ID or request ID", async () => {
    const all = await db.vpnRequest.findMany({ where: { status: "DOWN" } });
    const target = all[0];
    if (!target?.vpnConnectionId) throw new Error("no target");
    for (const q of [target.customerName, target.vpnConnectionId, target.id, target.id.toUpperCase()]) {
      const page = await queue({ q });
      expect(page.rows.map((row) => row.id)).toContain(target.id);
      expect(page.total).toBe(1);
    }
    const byIp = await queue({ q: target.customerGatewayIp });
    expect(byIp.rows.every((row) => row.customerGatewayIp.startsWith(target.customerGatewayIp))).toBe(true);
    expect(byIp.rows.map((row) => row.id)).toContain(target.id);
  });

  it("filters by organization ID or part of its name", async () => {
    expect((await queue({ organization: globex.id })).total).toBe(33);
    expect((await queue({ organization: "GLOBEX" })).total).toBe(33);
  });

  it("sorts by name either way", async () => {
    const up = await queue({ sort: "name", dir: "asc" });
    const down = await queue({ sort: "name", dir: "desc" });
    expect(up.rows[0]?.customerName).toBe("Site 0001");
    expect(down.rows[0]?.customerName).toBe("Site 0130");
  });

  it("clamps a page past the end to the last page", async () => {
    const page = await queue({ page: 99 });
    expect(page.page).toBe(Math.ceil(130 / PAGE_SIZE));
    expect(page.rows).toHaveLength(130 % PAGE_SIZE || PAGE_SIZE);
  });
});

describe("the connections overview", () => {
  it("lists provisioned connections only, worst first, with counts per status", async () => {
    const page = await findConnectionsOverview({ sort: "attention", dir: "asc", page: 1 });
    expect(page.total).toBe(62);
    expect(page.counts).toEqual({ ACTIVE: 50, DEGRADED: 7, DOWN: 5 });
    expect(page.rows.map((row) => row.status).slice(0, 13)).toEqual([
      ...Array(5).fill("DOWN"),
      ...Array(7).fill("DEGRADED"),
      "ACTIVE",
    ]);
    const last = await findConnectionsOverview({
      sort: "attention",
      dir: "asc",
      page: Math.ceil(62 / PAGE_SIZE),
    });
    expect(last.rows).toHaveLength(62 % PAGE_SIZE || PAGE_SIZE);
    expect(last.rows.every((row) => row.status === "ACTIVE")).toBe(true);
  });

  it("searches and filters by organization like the queue", async () => {
    const page = await findConnectionsOverview({
      sort: "attention",
      dir: "asc",
      page: 1,
      organization: "globex",
    });
    expect(page.total).toBe(5);
    const one = page.rows[0];
    const found = await findConnectionsOverview({
      sort: "name",
      dir: "asc",
      page: 1,
      q: one?.vpnConnectionId ?? "",
    });
    expect(found.rows.map((row) => row.id)).toEqual([one?.id]);
  });
});
