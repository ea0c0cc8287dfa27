import Link from "next/link";
import { requestColumn } from "@/components/request-columns";
import { StatusBadge } from "@/components/status-badge";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { findOrganizationRequests } from "@/lib/vpn-request/find-vpn-requests";

export const metadata = { title: "My VPNs · Site-to-Site VPN" };

export default async function RequestsPage() {
  const user = await requireViewer("customer");
  const requests = await findOrganizationRequests(user.scope);
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
      <DataTable
        empty={
          <EmptyState title="No VPN requests yet">
            Request a site-to-site VPN to give the platform private, encrypted access to your network.{" "}
            <Link href="/requests/new" className="text-indigo-700 underline">
              Start a request
            </Link>
            .
          </EmptyState>
        }
        caption="VPN requests of your organization"
        rows={requests}
        columns={[
          requestColumn<(typeof requests)[number]>(
            user,
            "Connection",
            (request) => request.customerGatewayIp,
          ),
          { header: "Status", cell: (request) => <StatusBadge status={request.status} /> },
          { header: "Region", cell: (request) => request.region },
          {
            header: "Routing",
            cell: (request) =>
              `${request.routing === "BGP" ? "BGP" : "Static"} · ${request.tunnelCount} tunnel${request.tunnelCount === 1 ? "" : "s"}`,
          },
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
