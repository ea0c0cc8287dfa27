// The plain-SQL list reads (decision 027) answer what the Prisma queries they replaced answered, on
// the same messy data in a PostgreSQL of their own: the request queue and the connections overview
// in every sort, both ways, every page (one straddling pending and the rest), under searches and
// filters; the customer dashboard; the changes awaiting approval. Run in New York time, so a
// timestamp read as local time would show. Search text is matched literally, % _ and \ included.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { VpnStatus } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import { PAGE_SIZE, pageWindow, type SortDirection } from "@/lib/lists/parse-list-params";
import { planSegmentPage, type SegmentSlice } from "@/lib/lists/plan-segment-page";
import {
  CONNECTION_SORTS,
  type ConnectionQuery,
  connectionSelect,
  findConnectionsOverview,
  withTunnelSummary,
} from "@/lib/tunnels/find-connections-overview";
import { describeChange, findChangesAwaitingApproval } from "@/lib/vpn-change/find-vpn-changes";
import { createRequestRow, createUser } from "@/test/support/factories";
import type { TestDatabase } from "@/test/support/test-database";
import { setTestEnv, startIsolatedDatabase } from "@/test/support/test-env";
import {
  findOrganizationRequests,
  findRequestQueue,
  listSelect,
  QUEUE_SORTS,
  type QueueQuery,
} from "./find-vpn-requests";
import { ATTENTION_ORDER, isProvisioned, PROVISIONED_STATUSES } from "./lifecycle";

setTestEnv({ TZ: "America/New_York" });

// ---------------------------------------------------------------------------------------------
// The Prisma reads as they were before the plain SQL (the reference).

/** One page read a slice per segment it touches, concatenated in segment order (as the lists did). */
async function readSegmentPage<T>(
  counts: readonly number[],
  offset: number,
  limit: number,
  read: (slice: SegmentSlice) => Promise<T[]>,
): Promise<T[]> {
  const parts = await Promise.all(planSegmentPage(counts, offset, limit).map(read));
  return parts.flat();
}

async function organizationIdsNamed(text: string): Promise<string[]> {
  const organizations = await db.organization.findMany({
    where: { name: { contains: text, mode: "insensitive" } },
    select: { id: true },
  });
  return organizations.map((organization) => organization.id);
}

async function prismaStaffListWhere(filters: { organization?: string; q?: string }) {
  const { organization, q } = filters;
  const [named, searched] = await Promise.all([
    organization && !isUuid(organization) ? organizationIdsNamed(organization) : null,
    q ? organizationIdsNamed(q) : null,
  ]);
  const where: Prisma.VpnRequestWhereInput[] = [];
  if (organization) where.push({ organizationId: named ? { in: named } : organization.toLowerCase() });
  if (q) {
    const or: Prisma.VpnRequestWhereInput[] = [
      { customerName: { contains: q, mode: "insensitive" } },
      { customerGatewayIp: { startsWith: q } },
      { vpnConnectionId: { startsWith: q.toLowerCase() } },
    ];
    if (searched?.length) or.push({ organizationId: { in: searched } });
    if (isUuid(q)) or.push({ id: q.toLowerCase() });
    where.push({ OR: or });
  }
  return where;
}

async function prismaCountByStatus(where: Prisma.VpnRequestWhereInput) {
  const groups = await db.vpnRequest.groupBy({ by: ["status"], where, _count: { _all: true } });
  const counts: Partial<Record<VpnStatus, number>> = {};
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

type Order = Prisma.VpnRequestOrderByWithRelationInput[];
const PRISMA_QUEUE_ORDER: Record<string, (dir: SortDirection) => Order> = {
  submitted: (dir) => [{ submittedAt: dir }, { id: dir }],
  name: (dir) => [{ customerName: dir }, { id: dir }],
  organization: (dir) => [{ organization: { name: dir } }, { submittedAt: "asc" }, { id: dir }],
  status: (dir) => [{ status: dir }, { submittedAt: "asc" }, { id: dir }],
};

async function prismaRequestQueue(query: QueueQuery) {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base: Prisma.VpnRequestWhereInput = { AND: await prismaStaffListWhere(query) };
  const counts = await prismaCountByStatus(base);
  const where: Prisma.VpnRequestWhereInput = query.status ? { AND: [base, { status: query.status }] } : base;
  const total = query.status
    ? (counts[query.status] ?? 0)
    : Object.values(counts).reduce((sum, count) => sum + count, 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const read = (args: Pick<Prisma.VpnRequestFindManyArgs, "where" | "orderBy" | "skip" | "take">) =>
    db.vpnRequest.findMany({ ...args, select: listSelect });
  const pending = !query.status || query.status === "PENDING_APPROVAL" ? (counts.PENDING_APPROVAL ?? 0) : 0;
  const segments: Prisma.VpnRequestWhereInput[] = [
    { AND: [where, { status: "PENDING_APPROVAL" }] },
    { AND: [where, { NOT: { status: "PENDING_APPROVAL" } }] },
  ];
  const rows =
    query.sort === "queue"
      ? await readSegmentPage([pending, total - pending], offset, pageSize, ({ segment, skip, take }) =>
          read({ where: segments[segment], orderBy: [{ submittedAt: "asc" }, { id: "asc" }], skip, take }),
        )
      : await read({
          where,
          orderBy: PRISMA_QUEUE_ORDER[query.sort]?.(query.dir),
          skip: offset,
          take: pageSize,
        });
  return { rows, total, page, pageSize, pageCount, counts };
}

const PRISMA_CONNECTION_ORDER: Record<string, (dir: SortDirection) => Order> = {
  name: (dir) => [{ customerName: dir }, { id: dir }],
  organization: (dir) => [{ organization: { name: dir } }, { customerName: "asc" }, { id: dir }],
  polled: (dir) => [{ lastPolledAt: { sort: dir, nulls: "first" } }, { id: dir }],
};

async function prismaConnectionsOverview(query: ConnectionQuery) {
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base: Prisma.VpnRequestWhereInput = {
    AND: [
      { status: { in: [...PROVISIONED_STATUSES] } },
      query.region ? { region: query.region } : {},
      ...(await prismaStaffListWhere(query)),
    ],
  };
  const counts = await prismaCountByStatus(base);
  const status = query.status && isProvisioned(query.status) ? query.status : undefined;
  const statuses = ATTENTION_ORDER.filter((value) => !status || value === status);
  const total = statuses.reduce((sum, value) => sum + (counts[value] ?? 0), 0);
  const { page, pageCount, offset } = pageWindow(total, query.page, pageSize);
  const where: Prisma.VpnRequestWhereInput = status ? { AND: [base, { status }] } : base;
  const read = (args: Pick<Prisma.VpnRequestFindManyArgs, "where" | "orderBy" | "skip" | "take">) =>
    db.vpnRequest.findMany({ ...args, select: connectionSelect });
  const sizes = statuses.map((value) => counts[value] ?? 0);
  const rows =
    query.sort === "attention"
      ? await readSegmentPage(sizes, offset, pageSize, ({ segment, skip, take }) =>
          read({
            where: { AND: [base, { status: statuses[segment] }] },
            orderBy: [{ statusChangedAt: "asc" }, { id: "asc" }],
            skip,
            take,
          }),
        )
      : await read({
          where,
          orderBy: PRISMA_CONNECTION_ORDER[query.sort]?.(query.dir),
          skip: offset,
          take: pageSize,
        });
  return { rows: rows.map(withTunnelSummary), total, page, pageSize, pageCount, counts };
}

// ---------------------------------------------------------------------------------------------
// The data: three organizations (one whose name holds LIKE wildcards), requests in every status,
// with ties in every sort key, tunnels beyond the tunnel count, and none at all.

let database: TestDatabase;
const acme = { id: randomUUID(), name: "Acme Compare Works" };
const acmeSmall = { id: randomUUID(), name: "acme compare outlet" };
const globex = { id: randomUUID(), name: "Globex Compare" };
const wild = { id: randomUUID(), name: "Wild 100% _Co\\ Ltd" };
const tame = { id: randomUUID(), name: "Wild 100x xCo Ltd" };
const start = Date.UTC(2026, 6, 1, 3, 30, 0, 123);
const MINUTE = 60_000;
const seededSubmittedAt = new Map<string, string>();
const PAGE = 20;

const STATUS_MIX: [VpnStatus, number][] = [
  ["PENDING_APPROVAL", 70],
  ["ACTIVE", 40],
  ["DOWN", 6],
  ["DEGRADED", 5],
  ["AWAITING_CUSTOMER", 4],
  ["REJECTED", 10],
  ["FAILED", 3],
  ["DECOMMISSIONED", 2],
];

beforeAll(async () => {
  database = await startIsolatedDatabase();
  await db.organization.createMany({
    data: [acme, acmeSmall, globex, wild, tame].map((org) => ({ ...org, plan: "ENTERPRISE" as const })),
  });
  const user = await createUser("CUSTOMER", acme.id);
  const orgs = [acme, acmeSmall, globex, acme, globex];
  let n = 0;
  const requests: Prisma.VpnRequestCreateManyInput[] = [];
  for (const [status, count] of STATUS_MIX) {
    for (let index = 0; index < count; index++, n++) {
      const id = randomUUID();
      // Ties: every 9th pair shares a submission time, names repeat, poll times repeat or are null.
      const submittedAt = new Date(start + ((n * 7919) % 500) * MINUTE - (n % 9 === 0 ? MINUTE : 0));
      seededSubmittedAt.set(id, submittedAt.toISOString());
      requests.push({
        id,
        organizationId: orgs[n % orgs.length]?.id ?? acme.id,
        customerName: `Site ${String(n % 60).padStart(3, "0")}`,
        location: "ie-dub",
        region: n % 4 === 0 ? "us-west-2" : "eu-west-1",
        recommendedRegion: "eu-west-1",
        estimatedRttMs: 5,
        customerGatewayIp: n % 3 === 0 ? `203.0.113.${n % 200}` : `198.51.100.${n % 200}`,
        routing: n % 2 === 0 ? "STATIC" : "BGP",
        subnetRanges: ["10.0.0.0/16"],
        advertisedNetworks: [],
        ikeVersion: "IKEV2",
        tunnelCount: n % 5 === 0 ? 1 : 2,
        status,
        statusChangedAt: new Date(start + (n % 30) * MINUTE + 7),
        submittedAt,
        submittedById: user.id,
        approvedByPolicy: n % 7 === 0 ? "enterprise-known-gateway" : null,
        vpnConnectionId: status === "PENDING_APPROVAL" ? null : `vpn-${n.toString(16).padStart(17, "0")}`,
        lastPolledAt: n % 4 === 1 ? null : new Date(start + (n % 6) * MINUTE + 999),
      });
    }
  }
  await db.vpnRequest.createMany({ data: requests });
  const provisioned = requests.filter((request) => isProvisioned(request.status as VpnStatus));
  await db.tunnel.createMany({
    // Number 2 first (the read orders them), two tunnels for a one-tunnel request, none every 6th.
    data: provisioned.flatMap((request, index) =>
      index % 6 === 0
        ? []
        : [2, 1].map((number) => ({
            requestId: request.id as string,
            number,
            insideCidr: `169.254.${index}.${number * 4}/30`,
            pskEncrypted: "sealed",
            status: (index + number) % 3 === 0 ? ("DOWN" as const) : ("UP" as const),
            statusMessage: number === 2 ? `message ${index}` : null,
          })),
    ),
  });
  const changed = provisioned.slice(0, 8);
  await db.vpnChange.createMany({
    data: changed.map((request, index) => ({
      requestId: request.id as string,
      kind: index % 2 === 0 ? ("CUSTOMER_GATEWAY" as const) : ("ROUTES" as const),
      requested:
        index % 2 === 0
          ? { customerGatewayIp: "203.0.113.9", previousCustomerGatewayIp: "198.51.100.9" }
          : { add: ["10.1.0.0/16"], remove: [] },
      status: index < 6 ? ("AWAITING_APPROVAL" as const) : ("DONE" as const),
      requestedAt: new Date(start + (10 - index) * MINUTE + 456),
    })),
  });
});

afterAll(async () => {
  await disconnectDb();
  await database?.stop();
});

/** Every page of a list, and one past the end (clamped to the last). */
async function comparePages<Q extends { page: number }>(
  query: Q,
  read: (query: Q) => Promise<{ pageCount: number }>,
  reference: (query: Q) => Promise<unknown>,
) {
  const first = await read(query);
  for (let page = 1; page <= first.pageCount + 1; page++) {
    const asked = { ...query, page };
    expect(await read(asked), JSON.stringify(asked)).toEqual(await reference(asked));
  }
}

const DIRECTIONS = ["asc", "desc"] as const;
const SEARCHES: { status?: VpnStatus; organization?: string; q?: string }[] = [
  {},
  { q: "acme" },
  { q: "SITE 01" },
  { q: "203.0.113.1" },
  { q: "VPN-000000000000000" },
  { organization: "ACME COMPARE" },
  { organization: "outlet", q: "site 0" },
  { organization: "no such organization" },
  { status: "ACTIVE" },
  { status: "PENDING_APPROVAL", organization: "globex" },
  { status: "DOWN", q: "198.51" },
];

describe("the request queue in plain SQL", () => {
  it("answers what the Prisma queries did: every sort, both ways, every page", async () => {
    for (const sort of QUEUE_SORTS) {
      for (const dir of DIRECTIONS) {
        await comparePages({ sort, dir, page: 1, pageSize: PAGE }, findRequestQueue, prismaRequestQueue);
      }
    }
  });

  it("answers what the Prisma queries did under searches and filters", async () => {
    const [one] = await db.vpnRequest.findMany({ where: { status: "DEGRADED" }, take: 1 });
    if (!one) throw new Error("no request");
    const searches = [
      ...SEARCHES,
      { q: one.id.toUpperCase() },
      { organization: globex.id.toUpperCase() },
      { organization: randomUUID() },
    ];
    for (const search of searches) {
      for (const sort of ["queue", "organization"] as const) {
        const query = { sort, dir: "desc" as const, page: 1, pageSize: PAGE, ...search };
        await comparePages(query, findRequestQueue, prismaRequestQueue);
      }
    }
  });

  it("straddles the pending and the rest on one page, with the times as written", async () => {
    const page = await findRequestQueue({ sort: "queue", dir: "asc", page: 4, pageSize: PAGE });
    expect(page).toEqual(await prismaRequestQueue({ sort: "queue", dir: "asc", page: 4, pageSize: PAGE }));
    const pendingRows = page.rows.filter((row) => row.status === "PENDING_APPROVAL");
    expect(pendingRows).toHaveLength(10);
    expect(page.rows.slice(0, 10)).toEqual(pendingRows);
    expect(new Date(0).getTimezoneOffset()).not.toBe(0);
    for (const row of page.rows) {
      expect(row.submittedAt.toISOString()).toBe(seededSubmittedAt.get(row.id));
      expect(row.organization.name).toBeTypeOf("string");
    }
  });
});

describe("the connections overview in plain SQL", () => {
  it("answers what the Prisma queries did: every sort, both ways, every page", async () => {
    for (const sort of CONNECTION_SORTS) {
      for (const dir of DIRECTIONS) {
        await comparePages(
          { sort, dir, page: 1, pageSize: 10 },
          findConnectionsOverview,
          prismaConnectionsOverview,
        );
      }
    }
  });

  it("answers what the Prisma queries did under searches and filters", async () => {
    const searches: Partial<ConnectionQuery>[] = [
      ...SEARCHES,
      { region: "us-west-2" },
      { region: "nowhere" },
    ];
    for (const search of searches) {
      for (const sort of ["attention", "polled"] as const) {
        const query = { sort, dir: "asc" as const, page: 1, pageSize: 10, ...search };
        await comparePages(query, findConnectionsOverview, prismaConnectionsOverview);
      }
    }
  });
});

describe("the customer dashboard and the changes awaiting approval in plain SQL", () => {
  /** Newest first; requests submitted at the same moment have no order of their own (sorted by ID). */
  const byTimeThenId = <T extends { id: string; submittedAt: Date }>(rows: T[]) =>
    [...rows].sort((a, b) => b.submittedAt.getTime() - a.submittedAt.getTime() || a.id.localeCompare(b.id));

  it("reads an organization's requests as findMany did, newest first", async () => {
    for (const org of [acme, acmeSmall, globex, wild]) {
      const rows = await findOrganizationRequests({ kind: "organization", organizationId: org.id });
      const expected = await db.vpnRequest.findMany({
        where: { organizationId: org.id },
        select: listSelect,
        orderBy: { submittedAt: "desc" },
      });
      expect(rows.map((row) => row.submittedAt)).toEqual(expected.map((row) => row.submittedAt));
      expect(byTimeThenId(rows)).toEqual(byTimeThenId(expected));
    }
  });

  it("reads the changes awaiting approval as findMany did, oldest first", async () => {
    for (const take of [50, 3]) {
      const rows = await db.vpnChange.findMany({
        where: { status: "AWAITING_APPROVAL" },
        orderBy: { requestedAt: "asc" },
        take,
        include: { request: { select: { customerName: true, organization: { select: { name: true } } } } },
      });
      const expected = rows.map((row) => ({
        id: row.id,
        requestId: row.requestId,
        customerName: row.request.customerName,
        organizationName: row.request.organization.name,
        description: describeChange(row),
        requestedAt: row.requestedAt,
      }));
      expect(expected).toHaveLength(Math.min(take, 6));
      expect(await findChangesAwaitingApproval(take)).toEqual(expected);
    }
  });
});

describe("search text in plain SQL", () => {
  const sites = ["50% off", "50x off", "a_b yard", "axb yard", "back\\slash", "backXslash"];
  const wildIds: Record<string, string> = {};

  beforeAll(async () => {
    const user = await createUser("CUSTOMER", wild.id);
    for (const [index, customerName] of sites.entries()) {
      const literal = index % 2 === 0;
      const row = await createRequestRow(literal ? wild.id : tame.id, user.id, {
        customerName,
        customerGatewayIp: literal ? "192.0.2.1" : "192.0.2_1",
        status: "ACTIVE",
        vpnConnectionId: literal ? `vpn_wild${index}` : `vpn-wildx${index}`,
      });
      wildIds[customerName] = row.id;
    }
  });

  const names = async (query: Partial<QueueQuery>) =>
    (await findRequestQueue({ sort: "name", dir: "asc", page: 1, ...query })).rows.map(
      (row) => row.customerName,
    );

  it("matches % _ and \\ literally in names, organization names, gateway IPs and VPN connection IDs", async () => {
    expect(await names({ q: "50%" })).toEqual(["50% off"]);
    expect(await names({ q: "a_b" })).toEqual(["a_b yard"]);
    expect(await names({ q: "k\\s" })).toEqual(["back\\slash"]);
    // "%" and "_" are in the organization's name too.
    expect(await names({ q: "%" })).toEqual(["50% off", "a_b yard", "back\\slash"]);
    expect(await names({ q: "_" })).toEqual(["50% off", "a_b yard", "back\\slash"]);
    expect(await names({ organization: "100%" })).toEqual(["50% off", "a_b yard", "back\\slash"]);
    expect(await names({ organization: "_co\\" })).toEqual(["50% off", "a_b yard", "back\\slash"]);
    expect(await names({ q: "192.0.2_" })).toEqual(["50x off", "axb yard", "backXslash"]);
    expect(await names({ q: "VPN_" })).toEqual(["50% off", "a_b yard", "back\\slash"]);
    const connections = await findConnectionsOverview({ sort: "name", dir: "asc", page: 1, q: "wild 100%" });
    expect(connections.rows.map((row) => row.id)).toEqual(
      ["50% off", "a_b yard", "back\\slash"].map((name) => wildIds[name]),
    );
  });
});
