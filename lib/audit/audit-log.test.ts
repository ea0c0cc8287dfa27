import { describe, expect, it } from "vitest";
import { renderAuditCsv } from "./audit-log-csv";
import { auditLogQuery, auditLogTimeRange, parseAuditLogFilters } from "./audit-log-filters";

describe("audit log filters", () => {
  it("keeps well-formed filters, drops the rest, and round-trips through the query string", () => {
    const filters = parseAuditLogFilters({
      organization: "not-a-uuid",
      actor: "  alice@ ",
      action: ["api.call", "ignored"],
      from: "2026-12-01",
      to: "2026-13-45",
      page: "3",
    });
    expect(filters).toEqual({
      organization: undefined,
      actor: "alice@",
      action: "api.call",
      from: "2026-12-01",
      to: undefined,
      page: 3,
    });
    expect(auditLogQuery(filters)).toBe("?actor=alice%40&action=api.call&from=2026-12-01");
    expect(auditLogQuery(filters, 2)).toContain("page=2");
    expect(parseAuditLogFilters({ page: "-1" }).page).toBe(1);
    expect(auditLogTimeRange({ from: "2026-12-01", to: "2026-12-01" })).toEqual({
      gte: new Date("2026-12-01T00:00:00.000Z"),
      lt: new Date("2026-12-02T00:00:00.000Z"),
    });
  });
});

describe("audit log CSV", () => {
  it("quotes what needs quoting and defuses spreadsheet formulas", () => {
    const csv = renderAuditCsv([
      {
        createdAt: new Date("2026-12-01T10:00:00.000Z"),
        organization: "Acme, Inc.",
        actor: '=HYPERLINK("x")',
        action: "api.call",
        targetType: "ApiToken",
        targetId: "t1",
        details: { status: 201 },
      },
    ]);
    const [header, row] = csv.trimEnd().split("\r\n");
    expect(header).toBe("time_utc,organization,actor,action,target_type,target_id,details");
    expect(row).toBe(
      '2026-12-01T10:00:00.000Z,"Acme, Inc.","\'=HYPERLINK(""x"")",api.call,ApiToken,t1,"{""status"":201}"',
    );
  });
});
