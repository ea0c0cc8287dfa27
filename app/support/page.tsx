import { staffListOf } from "@/components/request-list";
import { RequestQueueList } from "@/components/request-queue-list";
import { PageHeader } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { formatDateTime } from "@/components/ui/format";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref, type Viewer } from "@/lib/auth/viewer";
import { parseFilteredListParams } from "@/lib/lists/parse-list-params";
import { type ChangeAwaitingApproval, findChangesAwaitingApproval } from "@/lib/vpn-change/find-vpn-changes";
import { findRequestQueue, QUEUE_SORTS } from "@/lib/vpn-request/find-vpn-requests";
import { VPN_STATUSES } from "@/lib/vpn-request/lifecycle";

export const metadata = { title: "Request queue · Site-to-Site VPN" };

type Params = Record<string, string | string[] | undefined>;
const PATH = "/support";

export default async function SupportQueuePage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer("staff");
  const query = parseFilteredListParams(
    await searchParams,
    QUEUE_SORTS,
    { sort: "queue", dir: "asc" },
    VPN_STATUSES,
  );
  const [queue, changeRequests] = await Promise.all([
    findRequestQueue({ ...query.list, status: query.status, organization: query.organization }),
    findChangesAwaitingApproval(),
  ]);
  return (
    <>
      <PageHeader
        title="Request queue"
        description="Every organization's VPN requests: pending first, oldest first."
      />
      {changeRequests.length > 0 ? (
        <DataTable
          empty={null}
          caption="Change requests awaiting approval"
          rows={changeRequests}
          columns={[
            {
              header: "Change request",
              cell: (change) => <ChangeRequestCell change={change} viewer={viewer} />,
            },
            { header: "Organization", cell: (change) => change.organizationName },
            {
              header: "Asked",
              className: "text-slate-600",
              cell: (change) => formatDateTime(change.requestedAt),
            },
          ]}
        />
      ) : null}
      <RequestQueueList
        {...staffListOf({
          path: PATH,
          query,
          sorts: QUEUE_SORTS,
          statuses: VPN_STATUSES,
          noun: { one: "request", many: "requests" },
          names: { table: "VPN requests", pages: "Request queue pages" },
          list: queue,
          empty: { title: "The queue is empty", hint: "New customer requests appear here." },
        })}
      />
    </>
  );
}

/** A change waiting for approval, beside the new requests: which VPN, and what it changes. */
function ChangeRequestCell({ change, viewer }: { change: ChangeAwaitingApproval; viewer: Viewer }) {
  return (
    <LinkCell
      href={requestHref(viewer, change.requestId)}
      label={change.customerName}
      detail={change.description}
    />
  );
}
