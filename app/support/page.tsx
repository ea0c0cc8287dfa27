import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { requireStaff } from "@/lib/auth/current-user";
import { findOrganizations, findRequestQueue } from "@/lib/vpn-request/find-vpn-requests";
import { isVpnStatus, STATUS_LABELS, VPN_STATUSES } from "@/lib/vpn-request/state-machine";

export const metadata = { title: "Request queue · Site-to-Site VPN" };

export default async function SupportQueuePage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; organization?: string }>;
}) {
  await requireStaff();
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
      <form method="get" className="mb-5 flex flex-wrap items-end gap-3" aria-label="Filter requests">
        <div>
          <label htmlFor="status" className="block text-sm font-medium text-slate-700">
            Status
          </label>
          <select id="status" name="status" defaultValue={status ?? ""} className={inputClass}>
            <option value="">All statuses</option>
            {VPN_STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value].label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="organization" className="block text-sm font-medium text-slate-700">
            Organization
          </label>
          <select
            id="organization"
            name="organization"
            defaultValue={organizationId ?? ""}
            className={inputClass}
          >
            <option value="">All organizations</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filter
        </button>
        {status || organizationId ? (
          <Link href="/support" className="text-sm text-indigo-700 underline">
            Clear filters
          </Link>
        ) : null}
      </form>
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
