import "server-only";
import { actorOf, type StaffViewer } from "@/lib/auth/viewer";
import { renderAuditCsv } from "./audit-log-csv";
import { AUDIT_EXPORT_LIMIT, type AuditLogFilters, auditLogQuery } from "./audit-log-filters";
import { findAuditEvents } from "./find-audit-events";
import { recordAuditEvent } from "./record-audit-event";

/** The filtered audit log as CSV (newest first, at most AUDIT_EXPORT_LIMIT rows); the export is audited. */
export async function exportAuditCsv(viewer: StaffViewer, filters: AuditLogFilters, now = new Date()) {
  const { total, events } = await findAuditEvents(viewer.scope, filters, {
    skip: 0,
    take: AUDIT_EXPORT_LIMIT,
  });
  await recordAuditEvent({
    actor: actorOf(viewer),
    action: "audit-log.exported",
    targetType: "User",
    targetId: viewer.id,
    details: { filters: auditLogQuery(filters), rows: events.length, total },
  });
  return {
    csv: renderAuditCsv(events),
    filename: `audit-log-${now.toISOString().slice(0, 10)}.csv`,
  };
}
