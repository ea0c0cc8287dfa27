import { EmptyState } from "@/components/ui/card";
import { type Column, DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import type { AlertDeliveryView } from "@/lib/alerts/find-alert-deliveries";

const STATUS_STYLE = {
  DELIVERED: "bg-emerald-100 text-emerald-900",
  PENDING: "bg-amber-100 text-amber-900",
  FAILED: "bg-rose-100 text-rose-900",
} as const;

const STATUS_LABEL = { DELIVERED: "Delivered", PENDING: "Retrying / queued", FAILED: "Failed" } as const;

/** The alert delivery log: what was sent where, how many attempts, and the last error. */
export function TunnelAlertDeliveries({
  deliveries,
  showOrganization = false,
}: {
  deliveries: AlertDeliveryView[];
  showOrganization?: boolean;
}) {
  const columns: Column<AlertDeliveryView>[] = [
    {
      header: "When",
      className: "whitespace-nowrap",
      cell: (delivery) => formatDateTime(new Date(delivery.createdAt)),
    },
    ...(showOrganization
      ? [{ header: "Organization", cell: (delivery: AlertDeliveryView) => delivery.organizationName }]
      : []),
    { header: "Alert", cell: (delivery) => delivery.subject ?? delivery.kind },
    {
      header: "Channel",
      cell: (delivery) => (
        <>
          {delivery.channel === "EMAIL" ? "Email" : "Webhook"}
          <div className="break-all text-xs text-slate-500">{delivery.target}</div>
        </>
      ),
    },
    {
      header: "Status",
      cell: (delivery) => (
        <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[delivery.status]}`}>
          {STATUS_LABEL[delivery.status]}
        </span>
      ),
    },
    { header: "Attempts", cell: (delivery) => delivery.attempts },
    {
      header: "Last error",
      className: "text-xs text-rose-700",
      cell: (delivery) => delivery.lastError ?? "",
    },
  ];
  return (
    <DataTable
      caption="Recent alert deliveries"
      empty={
        <EmptyState title="No alerts sent yet">
          Alerts appear here when a tunnel goes down or comes up, or when you send a test alert.
        </EmptyState>
      }
      columns={columns}
      rows={deliveries}
      rowData={(delivery) => ({ "data-delivery-status": delivery.status })}
    />
  );
}
