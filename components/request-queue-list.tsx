"use client";
// The request queue's list (app/support/page.tsx): rendered here from the rows' data (decision 028).
import { staffRequestColumns } from "@/components/request-columns";
import { type StaffList, StaffRequestList } from "@/components/request-list";
import { StatusBadge } from "@/components/status-badge";
import type { Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { approvalPolicyLabel } from "@/lib/vpn-request/approval-policy";
import type { VpnRequestListItem } from "@/lib/vpn-request/find-vpn-requests";

const COLUMNS: readonly Column<VpnRequestListItem>[] = [
  ...staffRequestColumns<VpnRequestListItem>("Request", (request) => request.customerGatewayIp),
  {
    header: "Status",
    sortKey: "status",
    cell: (request) => (
      <>
        <StatusBadge status={request.status} />
        {request.approvedByPolicy ? (
          <div className="text-xs text-slate-600">
            {`Approved by policy: ${approvalPolicyLabel(request.approvedByPolicy)}`}
          </div>
        ) : null}
      </>
    ),
  },
  { header: "Region", cell: (request) => request.region },
  {
    header: "Submitted",
    sortKey: "submitted",
    className: "text-slate-600",
    cell: (request) => formatDateTime(request.submittedAt),
  },
];

export function RequestQueueList(props: StaffList<VpnRequestListItem>) {
  return <StaffRequestList {...props} columns={COLUMNS} />;
}
