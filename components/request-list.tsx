// The pieces the staff lists of requests (the queue, the connections) and the customer's list share.
import type { ReactNode } from "react";
import { EmptyState } from "@/components/ui/card";
import { type Column, DataTable, LinkCell } from "@/components/ui/data-table";
import { type FilterField, FilterForm } from "@/components/ui/filter-form";
import { Pagination, StatusCounts } from "@/components/ui/pagination";
import { requestHref, type Viewer } from "@/lib/auth/viewer";
import { type ListPage, listHref } from "@/lib/lists/parse-list-params";
import { STATUS_LABELS, type VpnStatus } from "@/lib/vpn-request/lifecycle";

type Query = Record<string, string | undefined>;

/** A staff list's first filters: free text, the status (one of `statuses`), the organization. */
function requestFilters({
  q,
  status,
  statuses,
  organization,
}: {
  q: string | undefined;
  status: VpnStatus | undefined;
  statuses: readonly VpnStatus[];
  organization: string | undefined;
}): FilterField[] {
  return [
    {
      kind: "search",
      name: "q",
      label: "Search",
      value: q,
      placeholder: "Name, gateway IP, request or VPN ID",
    },
    {
      name: "status",
      label: "Status",
      allLabel: "All statuses",
      value: status,
      options: statuses.map((value) => ({ value, label: STATUS_LABELS[value].label })),
    },
    {
      kind: "search",
      name: "organization",
      label: "Organization",
      value: organization,
      placeholder: "Name or Org ID",
    },
  ];
}

/** The request's name, linking to the viewer's page of it, with `detail` (gateway IP, VPN ID) under it. */
export function requestColumn<R extends { id: string; customerName: string }>(
  viewer: Pick<Viewer, "role">,
  header: string,
  detail: (row: R) => ReactNode,
): Column<R> {
  return {
    header,
    sortKey: "name",
    cell: (row) => (
      <LinkCell href={requestHref(viewer, row.id)} label={row.customerName} detail={detail(row)} />
    ),
  };
}

/** Who a staff list is for: its links go to staff's pages of each request. */
const STAFF = { role: "SUPPORT" } as const;

const organizationColumn: Column<{ organization: { name: string } }> = {
  header: "Organization",
  sortKey: "organization",
  cell: (row) => row.organization.name,
};

/**
 * A staff list of requests under its page header: the filters (free text, status, organization,
 * then `moreFilters`), the counts per status (each a link filtering to it), the sortable table and
 * the links to other pages. `query` is the page's query as parseFilteredListParams read it. What
 * the list holds (`noun`) names the filter form and the counts, and what it says when a search or
 * filter matches nothing; `names` are the table's and the pager's accessible names, `empty` what it
 * says when there is nothing at all.
 */
export function StaffRequestList<
  R extends { id: string; customerName: string; organization: { name: string } },
>({
  link,
  path,
  query: { current, list: sort, status, filtered },
  statuses,
  countOrder = statuses,
  moreFilters = [],
  noun,
  names,
  list,
  empty,
  columns,
}: {
  /** The first column: the request's name as a link to staff's page of it, with a detail under it (gateway IP, VPN ID). */
  link: { header: string; detail: (row: R) => ReactNode };
  path: string;
  /**
   * `current`: the query the list's links keep, without the page; `list.sort` and `list.dir`: the
   * order shown (the default one included, which `current` leaves out); `status`: the filter's.
   */
  query: {
    current: Query;
    list: { sort: string; dir: "asc" | "desc" };
    status: VpnStatus | undefined;
    filtered: boolean;
  };
  /** The statuses the list holds: the status filter's options. */
  statuses: readonly VpnStatus[];
  /** The order of the counts per status (default: `statuses`). */
  countOrder?: readonly VpnStatus[];
  moreFilters?: FilterField[];
  /** e.g. { one: "connection", many: "connections" }. */
  noun: { one: string; many: string };
  names: { table: string; pages: string };
  list: ListPage<R, VpnStatus>;
  empty: { title: string; hint: string };
  /** The columns after the request and its organization. */
  columns: readonly Column<R>[];
}) {
  const many = noun.many.charAt(0).toUpperCase() + noun.many.slice(1);
  return (
    <>
      <FilterForm
        label={`Filter ${noun.many}`}
        clearHref={path}
        keep={{ sort: current.sort, dir: current.dir }}
        fields={[
          ...requestFilters({ q: current.q, status, statuses, organization: current.organization }),
          ...moreFilters,
        ]}
      />
      <StatusCounts
        label={`${many} by status`}
        items={countOrder
          .filter((value) => list.counts[value])
          .map((value) => ({
            key: value,
            label: STATUS_LABELS[value].label,
            count: list.counts[value] ?? 0,
            href: listHref(path, current, { status: status === value ? undefined : value }),
            current: status === value,
          }))}
      />
      <DataTable
        empty={
          filtered ? (
            <EmptyState title={`No ${noun.many} match these filters`}>
              Clear the filters to see every {noun.one}.
            </EmptyState>
          ) : (
            <EmptyState title={empty.title}>{empty.hint}</EmptyState>
          )
        }
        caption={names.table}
        rows={list.rows}
        sorting={{ ...sort, href: (sort, dir) => listHref(path, current, { sort, dir }) }}
        columns={[requestColumn(STAFF, link.header, link.detail), organizationColumn, ...columns]}
      />
      <Pagination
        label={names.pages}
        of={list}
        href={(page) => listHref(path, current, { page: page === 1 ? undefined : String(page) })}
      />
    </>
  );
}
