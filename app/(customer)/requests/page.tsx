import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { findOrganizationRequests } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "My VPNs · Site-to-Site VPN" };

export default async function RequestsPage() {
  const user = await requireViewer("customer");
  const requests = await findOrganizationRequests(user.organizationId);
  return (
    <>
      <PageHeader
        title="Your VPN connections"
        description="Requests and connections of your organization."
        actions={
          <Link href="/requests/new" className={buttonClass()}>
            New VPN request
          </Link>
        }
      />
      {requests.length === 0 ? (
        <EmptyState title="No VPN requests yet">
          Request a site-to-site VPN to give the platform private, encrypted access to your network.{" "}
          <Link href="/requests/new" className="text-indigo-700 underline">
            Start a request
          </Link>
          .
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">VPN requests of your organization</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Connection
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Region
                </th>
                <th scope="col" className="px-4 py-3">
                  Routing
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
                      href={`/requests/${request.id}`}
                      className="font-medium text-indigo-700 underline-offset-2 hover:underline"
                    >
                      {request.customerName}
                    </Link>
                    <div className="font-mono text-xs text-slate-500">{request.customerGatewayIp}</div>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={request.status} />
                  </td>
                  <td className="px-4 py-3">{request.region}</td>
                  <td className="px-4 py-3">
                    {request.routing === "BGP" ? "BGP" : "Static"} · {request.tunnelCount} tunnel
                    {request.tunnelCount === 1 ? "" : "s"}
                  </td>
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
