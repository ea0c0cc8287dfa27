import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref } from "@/lib/auth/viewer";
import { approvalPolicyLabel } from "@/lib/vpn-request/approval-policy";
import { findOrganizations, findRequestQueue } from "@/lib/vpn-request/find-vpn-requests";
import { isVpnStatus, STATUS_LABELS, VPN_STATUSES } from "@/lib/vpn-request/lifecycle";

export const metadata = { title: "Request queue · Site-to-Site VPN" };

export default async function SupportQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; organization?: string }>;
}) {
  const viewer = await requireViewer("staff");
  const params = await searchParams;
  const status = params.status && isVpnStatus(params.status) ? params.status : undefined;
  const organizations = await findOrganizations();
  const organizationId = organizations.some((org) => org.id === params.organization)
    ? params.organization
    : undefined;
  const requests = await findRequestQueue({ status, organizationId });
  return (
    <>
      <PageHeader
        title="Request queue"
        description="Every organization's VPN requests: pending first, oldest first."
      />
      <FilterForm
        label="Filter requests"
        clearHref="/support"
        fields={[
          {
            name: "status",
            label: "Status",
            allLabel: "All statuses",
            value: status,
            options: VPN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value].label })),
          },
          {
            name: "organization",
            label: "Organization",
            allLabel: "All organizations",
            value: organizationId,
            options: organizations.map((org) => ({ value: org.id, label: org.name })),
          },
        ]}
      />
      <DataTable
        empty={
          <EmptyState
            title={status || organizationId ? "No requests match these filters" : "The queue is empty"}
          >
            {status || organizationId
              ? "Clear the filters to see every request."
              : "New customer requests appear here."}
          </EmptyState>
        }
        caption="VPN requests"
        rows={requests}
        rowKey={(request) => request.id}
        columns={[
          {
            header: "Request",
            cell: (request) => (
              <LinkCell
                href={requestHref(viewer, request.id)}
                label={request.customerName}
                detail={request.customerGatewayIp}
              />
            ),
          },
          { header: "Organization", cell: (request) => request.organization.name },
          {
            header: "Status",
            cell: (request) => (
              <>
                <StatusBadge status={request.status} />
                {request.approvedByPolicy ? (
                  <div className="text-xs text-slate-600">
                    Approved by policy: {approvalPolicyLabel(request.approvedByPolicy)}
                  </div>
                ) : null}
              </>
            ),
          },
          { header: "Region", cell: (request) => request.region },
          {
            header: "Submitted",
            className: "text-slate-600",
            cell: (request) => formatDateTime(request.submittedAt),
          },
        ]}
      />
    </>
  );
}
