// The one audit log view behind /audit (a customer's organization) and /support/audit (staff: all
// organizations, every filter, CSV export). The viewer's scope decides what is read.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { type FilterField, FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/components/ui/format";
import {
  AUDIT_PAGE_SIZE,
  type AuditLogFilters,
  auditLogQuery,
  parseAuditLogFilters,
} from "@/lib/audit/audit-log-filters";
import { findAuditActions, findAuditEvents } from "@/lib/audit/find-audit-events";
import { requireViewer } from "@/lib/auth/current-user";
import type { Viewer } from "@/lib/auth/viewer";
import { findOrganizations } from "@/lib/vpn-request/find-vpn-requests";

export type AuditLogRouteProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The audit log of one audience at `basePath`: /audit (customers) and /support/audit (staff). */
export async function AuditLogRoute({
  audience,
  basePath,
  searchParams,
}: AuditLogRouteProps & { audience: "customer" | "staff"; basePath: string }) {
  const viewer = await requireViewer(audience);
  return (
    <AuditLogPage viewer={viewer} filters={parseAuditLogFilters(await searchParams)} basePath={basePath} />
  );
}

async function AuditLogPage({
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
  // Only staff see other organizations, so only they filter by one or by who acted.
  const staffFilters: FilterField[] = staff
    ? [
        {
          name: "organization",
          label: "Organization",
          value: filters.organization,
          allLabel: "All organizations",
          options: organizations.map((org) => ({ value: org.id, label: org.name })),
        },
        { kind: "text", name: "actor", label: "Actor e-mail contains", value: filters.actor },
      ]
    : [];
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
      <FilterForm
        label="Filter events"
        clearHref={basePath}
        filtered={filtered}
        fields={[
          ...staffFilters,
          {
            name: "action",
            label: "Action",
            value: filters.action,
            allLabel: "All actions",
            options: actions.map((action) => ({ value: action, label: action })),
          },
          { kind: "date", name: "from", label: "From (UTC)", value: filters.from },
          { kind: "date", name: "to", label: "To (UTC)", value: filters.to },
        ]}
      />
      <DataTable
        empty={<EmptyState title={filtered ? "No events match these filters" : "No events yet"} />}
        caption="Audit events"
        rows={events}
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
