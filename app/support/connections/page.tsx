import { StatusBadge } from "@/components/status-badge";
import { TunnelAlertDeliveries } from "@/components/tunnel-alert-deliveries";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/components/ui/format";
import { findAlertDeliveries } from "@/lib/alerts/find-alert-deliveries";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";
import { findConnectionsOverview } from "@/lib/tunnels/find-connections-overview";
import { findOrganizations } from "@/lib/vpn-request/find-vpn-requests";
import { PROVISIONED_STATUSES, STATUS_LABELS } from "@/lib/vpn-request/lifecycle";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

export const metadata = { title: "Connections · Site-to-Site VPN" };

export default async function ConnectionsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; organization?: string; region?: string }>;
}) {
  const viewer = await requireViewer("staff");
  const params = await searchParams;
  const status = PROVISIONED_STATUSES.find((value) => value === params.status);
  const regions = (await getRequestSettings()).supportedRegions;
  const region = regions.find((value) => value === params.region);
  const organizations = await findOrganizations();
  const organizationId = organizations.find((org) => org.id === params.organization)?.id;
  const [connections, deliveries] = await Promise.all([
    findConnectionsOverview({ status, organizationId, region }),
    findAlertDeliveries(viewer.scope, 20),
  ]);
  const filtered = Boolean(status || organizationId || region);
  return (
    <div className="space-y-8">
      <div>
        <PageHeader
          title="Connections"
          description="Every organization's provisioned VPNs: down and degraded first."
        />
        <FilterForm
          label="Filter connections"
          clearHref="/support/connections"
          fields={[
            {
              name: "status",
              label: "Status",
              allLabel: "All statuses",
              value: status,
              options: PROVISIONED_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value].label })),
            },
            {
              name: "organization",
              label: "Organization",
              allLabel: "All organizations",
              value: organizationId,
              options: organizations.map((org) => ({ value: org.id, label: org.name })),
            },
            {
              name: "region",
              label: "Region",
              allLabel: "All regions",
              value: region,
              options: regions.map((value) => ({ value, label: value })),
            },
          ]}
        />
        <DataTable
          empty={
            <EmptyState
              title={filtered ? "No connections match these filters" : "No provisioned connections yet"}
            >
              {filtered
                ? "Clear the filters to see every connection."
                : "Approved requests appear here once provisioning has built them."}
            </EmptyState>
          }
          caption="Connections"
          rows={connections}
          rowKey={(connection) => connection.id}
          columns={[
            {
              header: "Connection",
              cell: (connection) => (
                <LinkCell
                  href={requestHref(viewer, connection.id)}
                  label={connection.customerName}
                  detail={connection.vpnConnectionId}
                />
              ),
            },
            { header: "Organization", cell: (connection) => connection.organization.name },
            {
              header: "Status",
              cell: (connection) => (
                <>
                  <StatusBadge status={connection.status} />
                  <div className="text-xs text-slate-500">
                    since {formatDateTime(connection.statusChangedAt)}
                  </div>
                </>
              ),
            },
            {
              header: "Tunnels up",
              cell: (connection) => (
                <>
                  {connection.upTunnels} of {connection.tunnelCount}
                  <div className="text-xs text-slate-500">
                    {connection.tunnels
                      .map((tunnel) => `#${tunnel.number} ${tunnel.status.toLowerCase()}`)
                      .join(" · ")}
                  </div>
                </>
              ),
            },
            {
              header: "Redundancy",
              cell: (connection) =>
                connection.tunnelCount < 2 ? "One tunnel" : connection.redundancyMet ? "Met" : "Not met",
            },
            { header: "Region", cell: (connection) => connection.region },
            {
              header: "Last telemetry",
              className: "text-xs",
              cell: (connection) =>
                connection.lastPolledAt ? formatDateTime(connection.lastPolledAt) : "not yet",
            },
          ]}
        />
      </div>
      <section aria-labelledby="deliveries-heading" className="space-y-3">
        <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">
          Recent alert deliveries
        </h2>
        <TunnelAlertDeliveries deliveries={deliveries} showOrganization />
      </section>
    </div>
  );
}
