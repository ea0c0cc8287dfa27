// The pieces the staff lists of requests (the queue, the connections) and the customer's list share.
import type { ReactNode } from "react";
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

const organizationColumn: Column<{ organization: { name: string } }> = {
  header: "Organization",
  sortKey: "organization",
  cell: (row) => row.organization.name,
};

/**
 * A staff list of requests under its page header: the filters (free text, status, organization,
 * then `moreFilters`), the counts per status (each a link filtering to it), the sortable table and
 * the links to other pages. `query` is the page's query as parseFilteredListParams read it; `names`
 * are the accessible names of the filter form, the counts, the table and the pager.
 */
export function StaffRequestList<
  R extends { id: string; customerName: string; organization: { name: string } },
>({
  viewer,
  link,
  path,
  query: { current, list: sort, status },
  statuses,
  countOrder = statuses,
  moreFilters = [],
  names,
  list,
  empty,
  columns,
}: {
  viewer: Pick<Viewer, "role">;
  /** The first column: the request's name as a link, with a detail under it (gateway IP, VPN ID). */
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
  };
  /** The statuses the list holds: the status filter's options. */
  statuses: readonly VpnStatus[];
  /** The order of the counts per status (default: `statuses`). */
  countOrder?: readonly VpnStatus[];
  moreFilters?: FilterField[];
  names: { filters: string; counts: string; table: string; pages: string };
  list: ListPage<R, VpnStatus>;
  empty: ReactNode;
  /** The columns after the request and its organization. */
  columns: readonly Column<R>[];
}) {
  return (
    <>
      <FilterForm
        label={names.filters}
        clearHref={path}
        keep={{ sort: current.sort, dir: current.dir }}
        fields={[
          ...requestFilters({ q: current.q, status, statuses, organization: current.organization }),
          ...moreFilters,
        ]}
      />
      <StatusCounts
        label={names.counts}
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
        empty={empty}
        caption={names.table}
        rows={list.rows}
        sorting={{ ...sort, href: (sort, dir) => listHref(path, current, { sort, dir }) }}
        columns={[requestColumn(viewer, link.header, link.detail), organizationColumn, ...columns]}
      />
      <Pagination
        label={names.pages}
        of={list}
        href={(page) => listHref(path, current, { page: page === 1 ? undefined : String(page) })}
      />
    </>
  );
}
