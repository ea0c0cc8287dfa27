import { StatusBadge } from "@/components/status-badge";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { DataTable, LinkCell } from "@/components/ui/data-table";
import { FilterForm } from "@/components/ui/filter-form";
import { formatDateTime } from "@/components/ui/format";
import { Pagination, StatusCounts } from "@/components/ui/pagination";
import { requireViewer } from "@/lib/auth/current-user";
import { requestHref, type Viewer } from "@/lib/auth/viewer";
import { listHref, parseListParams } from "@/lib/lists/parse-list-params";
import { type ChangeAwaitingApproval, findChangesAwaitingApproval } from "@/lib/vpn-change/find-vpn-changes";
import { approvalPolicyLabel } from "@/lib/vpn-request/approval-policy";
import { findRequestQueue, QUEUE_SORTS } from "@/lib/vpn-request/find-vpn-requests";
import { isVpnStatus, STATUS_LABELS, VPN_STATUSES } from "@/lib/vpn-request/lifecycle";

export const metadata = { title: "Request queue · Site-to-Site VPN" };

type Params = Record<string, string | string[] | undefined>;

export default async function SupportQueuePage({ searchParams }: { searchParams: Promise<Params> }) {
  const viewer = await requireViewer("staff");
  const raw = await searchParams;
  const list = parseListParams(raw, QUEUE_SORTS, { sort: "queue", dir: "asc" });
  const status = typeof raw.status === "string" && isVpnStatus(raw.status) ? raw.status : undefined;
  const organization =
    typeof raw.organization === "string" ? raw.organization.trim() || undefined : undefined;
  const [queue, changeRequests] = await Promise.all([
    findRequestQueue({ ...list, status, organization }),
    findChangesAwaitingApproval(),
  ]);
  const sorted = list.sort !== "queue";
  const current = {
    q: list.q,
    status,
    organization,
    sort: sorted ? list.sort : undefined,
    dir: sorted ? list.dir : undefined,
  };
  const state = { ...current, page: String(queue.page) };
  const filtered = Boolean(status || organization || list.q);
  return (
    <>
      <PageHeader
        title="Request queue"
        description="Every organization's VPN requests: pending first, oldest first."
      />
      <FilterForm
        label="Filter requests"
        clearHref="/support"
        keep={{ sort: current.sort, dir: current.dir }}
        fields={[
          {
            kind: "search",
            name: "q",
            label: "Search",
            value: list.q,
            placeholder: "Name, gateway IP, request or VPN ID",
          },
          {
            name: "status",
            label: "Status",
            allLabel: "All statuses",
            value: status,
            options: VPN_STATUSES.map((value) => ({ value, label: STATUS_LABELS[value].label })),
          },
          {
            kind: "search",
            name: "organization",
            label: "Organization",
            value: organization,
            placeholder: "Name or Org ID",
          },
        ]}
      />
      {changeRequests.length > 0 ? (
        <DataTable
          empty={null}
          caption="Change requests awaiting approval"
          rows={changeRequests}
          rowKey={(change) => change.id}
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
      <StatusCounts
        label="Requests by status"
        items={VPN_STATUSES.filter((value) => queue.counts[value]).map((value) => ({
          key: value,
          label: STATUS_LABELS[value].label,
          count: queue.counts[value] ?? 0,
          href: listHref("/support", current, { status: status === value ? undefined : value }),
          current: status === value,
        }))}
      />
      <DataTable
        empty={
          <EmptyState title={filtered ? "No requests match these filters" : "The queue is empty"}>
            {filtered ? "Clear the filters to see every request." : "New customer requests appear here."}
          </EmptyState>
        }
        caption="VPN requests"
        rows={queue.rows}
        rowKey={(request) => request.id}
        sorting={{
          sort: list.sort,
          dir: list.dir,
          href: (sort, dir) => listHref("/support", current, { sort, dir }),
        }}
        columns={[
          {
            header: "Request",
            sortKey: "name",
            cell: (request) => (
              <LinkCell
                href={requestHref(viewer, request.id)}
                label={request.customerName}
                detail={request.customerGatewayIp}
              />
            ),
          },
          {
            header: "Organization",
            sortKey: "organization",
            cell: (request) => request.organization.name,
          },
          {
            header: "Status",
            sortKey: "status",
            cell: (request) => (
              <>
                <StatusBadge status={request.status} />
                {request.approvedByPolicy ? (
                  <div className="text-xs text-slate-600">
                    Approved by policy: {approvalPolicyLabel(request.approvedByPolicy)}
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
        ]}
      />
      <Pagination
        label="Request queue pages"
        page={queue.page}
        pageCount={queue.pageCount}
        pageSize={queue.pageSize}
        total={queue.total}
        href={(page) => listHref("/support", state, { page: page === 1 ? undefined : String(page) })}
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
