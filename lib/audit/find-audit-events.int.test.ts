// The audit log as each viewer reads it, on a real database: scope, filters, pages, CSV, and
// customers never seeing a staff e-mail address (DESIGN §13).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { customerViewer, staffViewer } from "@/test/support/factories";
import { createApprovedRequest } from "@/test/support/requests";
import { parseAuditLogFilters } from "./audit-log-filters";
import { exportAuditCsv } from "./export-audit-csv";
import { findAuditActions, findAuditEvents } from "./find-audit-events";
import { PLATFORM_SUPPORT } from "./present-actor";

const ALL = { skip: 0, take: 1000 };

describe("audit log", () => {
  it("shows a customer their organization's events only, with staff as Platform support", async () => {
    const a = await createApprovedRequest();
    const b = await createApprovedRequest();
    const viewer = customerViewer(a.customer);

    const { events, total } = await findAuditEvents(viewer.scope, parseAuditLogFilters({}), ALL);
    expect(total).toBe(events.length);
    expect(events.map((event) => event.action).sort()).toEqual([
      "vpn-request.approved",
      "vpn-request.submitted",
    ]);
    expect(events.find((event) => event.action === "vpn-request.approved")?.actor).toBe(PLATFORM_SUPPORT);
    expect(events.find((event) => event.action === "vpn-request.submitted")?.actor).toBe(a.customer.email);
    const seen = JSON.stringify(events);
    expect(seen).not.toContain(a.staff.email);
    expect(seen).not.toContain(b.customer.email);
    expect(events.every((event) => event.details === null)).toBe(true);

    // A customer cannot probe staff addresses or other organizations through the filters.
    const probed = await findAuditEvents(
      viewer.scope,
      parseAuditLogFilters({ actor: a.staff.email, organization: b.org.id }),
      ALL,
    );
    expect(probed.total).toBe(total);
    expect(await findAuditActions(viewer.scope)).toEqual(["vpn-request.approved", "vpn-request.submitted"]);
  });

  it("gives staff every organization with filters by organization, actor, action and time, paged", async () => {
    const a = await createApprovedRequest();
    await createApprovedRequest();
    const staff = staffViewer(a.staff);
    const all = await findAuditEvents(staff.scope, parseAuditLogFilters({}), { skip: 0, take: 3 });
    expect(all.events).toHaveLength(3);
    expect(all.total).toBeGreaterThanOrEqual(4);
    const next = await findAuditEvents(staff.scope, parseAuditLogFilters({}), { skip: 3, take: 3 });
    expect(next.events.map((event) => event.id)).not.toContain(all.events[0]?.id);

    const byOrg = await findAuditEvents(staff.scope, parseAuditLogFilters({ organization: a.org.id }), ALL);
    expect(byOrg.total).toBe(2);
    expect(byOrg.events.every((event) => event.organization === a.org.name)).toBe(true);
    const byActor = await findAuditEvents(
      staff.scope,
      parseAuditLogFilters({ actor: a.staff.email.toUpperCase() }),
      ALL,
    );
    expect(byActor.events.map((event) => event.actor)).toEqual([a.staff.email]);
    const byAction = await findAuditEvents(
      staff.scope,
      parseAuditLogFilters({ organization: a.org.id, action: "vpn-request.submitted" }),
      ALL,
    );
    expect(byAction.total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    const inTime = await findAuditEvents(
      staff.scope,
      parseAuditLogFilters({ organization: a.org.id, from: today, to: today }),
      ALL,
    );
    expect(inTime.total).toBe(2);
    const before = await findAuditEvents(
      staff.scope,
      parseAuditLogFilters({ organization: a.org.id, to: "2020-01-01" }),
      ALL,
    );
    expect(before.total).toBe(0);
  });

  it("exports the filtered log as CSV for staff, and audits the export", async () => {
    const a = await createApprovedRequest();
    const staff = staffViewer(a.staff);
    const { csv, filename } = await exportAuditCsv(staff, parseAuditLogFilters({ organization: a.org.id }));
    expect(filename).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("time_utc,organization,actor,action,target_type,target_id,details");
    expect(lines).toHaveLength(3);
    expect(csv).toContain(a.staff.email);
    const exported = await db.auditEvent.findFirstOrThrow({
      where: { action: "audit-log.exported", actorId: staff.id },
    });
    expect(exported.details).toMatchObject({ rows: 2, total: 2 });
  });
});
