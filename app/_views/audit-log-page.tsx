// The one audit log view behind /audit (a customer's organization) and /support/audit (staff: all
// organizations, every filter, CSV export). The viewer's scope decides what is read.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { AUDIT_PAGE_SIZE, type AuditLogFilters, auditLogQuery } from "@/lib/audit/audit-log-filters";
import { findAuditActions, findAuditEvents } from "@/lib/audit/find-audit-events";
import type { Viewer } from "@/lib/auth/viewer";
import { findOrganizations } from "@/lib/vpn-request/find-vpn-requests";

export async function AuditLogPage({
  viewer,
  filters,
  basePath,
}: {
  viewer: Viewer;
  filters: AuditLogFilters;
  basePath: string;
}) {
  const staff = viewer.scope.kind === "staff";
  const [{ total, events }, actions, organizations] = await Promise.all([
    findAuditEvents(viewer.scope, filters, {
      skip: (filters.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    findAuditActions(viewer.scope),
    staff ? findOrganizations() : Promise.resolve([]),
  ]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const filtered = Boolean(
    filters.organization || filters.actor || filters.action || filters.from || filters.to,
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          staff
            ? "Every organization's events, newest first."
            : "Who did what in your organization, newest first. Platform staff appear as “Platform support”."
        }
        actions={
          staff ? (
            <a href={`/support/audit/export${auditLogQuery(filters)}`} className={buttonClass("secondary")}>
              Export CSV
            </a>
          ) : undefined
        }
      />
      <form method="get" aria-label="Filter events" className="mb-5 flex flex-wrap items-end gap-3">
        {staff ? (
          <>
            <Labelled id="organization" label="Organization">
              <select
                id="organization"
                name="organization"
                defaultValue={filters.organization ?? ""}
                className={inputClass}
              >
                <option value="">All organizations</option>
                {organizations.map((org) => (
                  <option key={org.id} value={org.id}>
                    {org.name}
                  </option>
                ))}
              </select>
            </Labelled>
            <Labelled id="actor" label="Actor e-mail contains">
              <input id="actor" name="actor" defaultValue={filters.actor ?? ""} className={inputClass} />
            </Labelled>
          </>
        ) : null}
        <Labelled id="action" label="Action">
          <select id="action" name="action" defaultValue={filters.action ?? ""} className={inputClass}>
            <option value="">All actions</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </Labelled>
        <Labelled id="from" label="From (UTC)">
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className={inputClass} />
        </Labelled>
        <Labelled id="to" label="To (UTC)">
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className={inputClass} />
        </Labelled>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        {filtered ? (
          <Link href={basePath} className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      <DataTable
        empty={<EmptyState title={filtered ? "No events match these filters" : "No events yet"} />}
        caption="Audit events"
        rows={events}
        rowKey={(event) => event.id}
        columns={[
          { header: "Time", cell: (event) => formatDateTime(event.createdAt) },
          ...(staff
            ? [
                {
                  header: "Organization",
                  cell: (event: (typeof events)[number]) => event.organization ?? "—",
                },
              ]
            : []),
          { header: "Actor", cell: (event) => event.actor ?? "—" },
          { header: "Action", cell: (event) => <code className="text-xs">{event.action}</code> },
          {
            header: "Target",
            cell: (event) => (
              <span className="font-mono text-xs">
                {event.targetType} {event.targetId}
              </span>
            ),
          },
          ...(staff
            ? [
                {
                  header: "Details",
                  cell: (event: (typeof events)[number]) =>
                    event.details ? (
                      <code className="block max-w-md truncate text-xs">{JSON.stringify(event.details)}</code>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
        <span>
          Page {Math.min(filters.page, pages)} of {pages} · {total} events
        </span>
        {filters.page > 1 ? (
          <Link
            href={`${basePath}${auditLogQuery(filters, filters.page - 1)}`}
            className="text-indigo-700 underline"
          >
            Newer
          </Link>
        ) : null}
        {filters.page < pages ? (
          <Link
            href={`${basePath}${auditLogQuery(filters, filters.page + 1)}`}
            className="text-indigo-700 underline"
          >
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function Labelled({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}
