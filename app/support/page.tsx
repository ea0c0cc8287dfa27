import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { findOrganizations, findRequestQueue } from "@/lib/vpn-request/find-vpn-requests";
import { isVpnStatus, STATUS_LABELS, VPN_STATUSES } from "@/lib/vpn-request/lifecycle";

export const metadata = { title: "Request queue · Site-to-Site VPN" };

export default async function SupportQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; organization?: string }>;
}) {
  await requireViewer("staff");
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
      {requests.length === 0 ? (
        <EmptyState
          title={status || organizationId ? "No requests match these filters" : "The queue is empty"}
        >
          {status || organizationId
            ? "Clear the filters to see every request."
            : "New customer requests appear here."}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">VPN requests</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Request
                </th>
                <th scope="col" className="px-4 py-3">
                  Organization
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Region
                </th>
                <th scope="col" className="px-4 py-3">
                  Submitted
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {requests.map((request) => (
                <tr key={request.id}>
                  <td className="px-4 py-3">
                    <Link
                      href={`/support/requests/${request.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {request.customerName}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{request.customerGatewayIp}</div>
                  </td>
                  <td className="px-4 py-3">{request.organization.name}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={request.status} />
                  </td>
                  <td className="px-4 py-3">{request.region}</td>
                  <td className="px-4 py-3 text-slate-600">{formatDateTime(request.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
