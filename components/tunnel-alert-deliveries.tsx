import { EmptyState } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import type { AlertDeliveryView } from "@/lib/alerts/find-alert-deliveries";

const STATUS_STYLE = {
  DELIVERED: "bg-emerald-100 text-emerald-900",
  PENDING: "bg-amber-100 text-amber-900",
  FAILED: "bg-rose-100 text-rose-900",
} as const;

/** The alert delivery log: what was sent where, how many attempts, and the last error. */
export function TunnelAlertDeliveries({
  deliveries,
  showOrganization = false,
}: {
  deliveries: AlertDeliveryView[];
  showOrganization?: boolean;
}) {
  if (deliveries.length === 0) {
    return (
      <EmptyState title="No alerts sent yet">
        Alerts appear here when a tunnel goes down or comes up, or when you send a test alert.
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Recent alert deliveries</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              When
            </th>
            {showOrganization ? (
              <th scope="col" className="px-3 py-2">
                Organization
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2">
              Alert
            </th>
            <th scope="col" className="px-3 py-2">
              Channel
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
            <th scope="col" className="px-3 py-2">
              Attempts
            </th>
            <th scope="col" className="px-3 py-2">
              Last error
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((delivery) => (
            <tr key={delivery.id} data-delivery-status={delivery.status}>
              <td className="whitespace-nowrap px-3 py-2">{formatDateTime(new Date(delivery.createdAt))}</td>
              {showOrganization ? <td className="px-3 py-2">{delivery.organizationName}</td> : null}
              <td className="px-3 py-2">{delivery.subject ?? delivery.kind}</td>
              <td className="px-3 py-2">
                {delivery.channel === "EMAIL" ? "Email" : "Webhook"}
                <div className="break-all text-xs text-slate-500">{delivery.target}</div>
              </td>
              <td className="px-3 py-2">
                <span
                  className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[delivery.status]}`}
                >
                  {delivery.status === "DELIVERED"
                    ? "Delivered"
                    : delivery.status === "PENDING"
                      ? "Retrying / queued"
                      : "Failed"}
                </span>
              </td>
              <td className="px-3 py-2">{delivery.attempts}</td>
              <td className="px-3 py-2 text-xs text-rose-700">{delivery.lastError ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
