import { EmptyState, Notice, PageHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { CAPACITY_RESOURCE_LABELS, CAPACITY_RESOURCES, type CapacityRow } from "@/lib/admin/capacity";
import { findCapacity } from "@/lib/admin/find-capacity";
import { requireViewer } from "@/lib/auth/current-user";

export const metadata = { title: "Capacity · Site-to-Site VPN" };

export default async function CapacityPage() {
  await requireViewer("staff");
  const rows = await findCapacity();
  const warned = rows.filter((row) => row.warnings.length > 0);
  return (
    <>
      <PageHeader
        title="Capacity"
        description="AWS resources the portal's VPNs use, against each region's quota. Each VPN uses one VPC, virtual private gateway, Elastic IP, NAT gateway and VPN connection."
      />
      {warned.length > 0 ? (
        <div className="mb-6">
          <Notice tone="warning" title="Regions running out">
            {warned
              .map(
                (row) =>
                  `${row.region} (${row.account}): ${row.warnings.map((resource) => `${resource} ${row.resources[resource].used}/${row.resources[resource].quota}`).join(", ")}`,
              )
              .join("; ")}
            . Raise the quota with AWS before the next request there fails.
          </Notice>
        </div>
      ) : null}
      <DataTable<CapacityRow>
        caption="Capacity"
        empty={<EmptyState title="No supported regions">Add a region under Administration first.</EmptyState>}
        rows={rows}
        rowKey={(row) => `${row.account}/${row.region}`}
        columns={[
          { header: "Account", cell: (row) => row.account },
          { header: "Region", cell: (row) => <span className="font-mono">{row.region}</span> },
          ...CAPACITY_RESOURCES.map((resource) => ({
            header: resource,
            cell: (row: CapacityRow) => {
              const cell = row.resources[resource];
              return (
                <span
                  title={CAPACITY_RESOURCE_LABELS[resource]}
                  className={cell.warning ? "font-semibold text-amber-800" : undefined}
                >
                  {cell.used} / {cell.quota}
                  {cell.warning ? <span className="sr-only"> (warning)</span> : null}
                </span>
              );
            },
          })),
          {
            header: "Status",
            cell: (row) =>
              row.warnings.length > 0 ? (
                <span className="font-semibold text-amber-800">
                  Warning: {row.warnings.join(", ")} at 80 % or more
                </span>
              ) : (
                "OK"
              ),
          },
        ]}
      />
      <p className="mt-4 text-xs text-slate-600">
        Usage is counted from the portal's own records (requests approved and not yet decommissioned); quotas
        are AWS's published defaults. One configured AWS account until the account pool is set up.
      </p>
    </>
  );
}
