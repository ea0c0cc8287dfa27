"use client";
// The connections page's list (app/support/connections/page.tsx): rendered here from the rows'
// data (decision 028).
import { staffRequestColumns } from "@/components/request-columns";
import { type StaffList, StaffRequestList } from "@/components/request-list";
import { StatusBadge } from "@/components/status-badge";
import type { Column } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import type { ConnectionOverviewRow } from "@/lib/tunnels/find-connections-overview";

const COLUMNS: readonly Column<ConnectionOverviewRow>[] = [
  ...staffRequestColumns<ConnectionOverviewRow>("Connection", (connection) => connection.vpnConnectionId),
  {
    header: "Status",
    cell: (connection) => (
      <>
        <StatusBadge status={connection.status} />
        <div className="text-xs text-slate-500">{`since ${formatDateTime(connection.statusChangedAt)}`}</div>
      </>
    ),
  },
  {
    header: "Tunnels up",
    cell: (connection) => (
      <>
        {`${connection.upTunnels} of ${connection.tunnelCount}`}
        <div className="text-xs text-slate-500">
          {connection.tunnels.map((tunnel) => `#${tunnel.number} ${tunnel.status.toLowerCase()}`).join(" · ")}
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
    sortKey: "polled",
    className: "text-xs",
    cell: (connection) => (connection.lastPolledAt ? formatDateTime(connection.lastPolledAt) : "not yet"),
  },
];

export function ConnectionsList(props: StaffList<ConnectionOverviewRow>) {
  return <StaffRequestList {...props} columns={COLUMNS} />;
}
