// The staff lists of requests (the queue, the connections): one shape — filters, counts per
// status, the sortable table, the pager — rendered by each list's client component from plain data
// (decision 028). `staffListOf` builds that data on the server; `StaffRequestList` renders it with
// the list's columns. No directive: the page imports the one, the client modules the other.
import { EmptyState } from "@/components/ui/card";
import { type Column, DataTable, type Sorting } from "@/components/ui/data-table";
import { type FilterField, FilterForm } from "@/components/ui/filter-form";
import { type PagerState, Pagination, type StatusCountItem, StatusCounts } from "@/components/ui/pagination";
import { type ListPage, listHref, sortHrefs } from "@/lib/lists/parse-list-params";
import { STATUS_LABELS, type VpnStatus } from "@/lib/vpn-request/lifecycle";

type Query = Record<string, string | undefined>;

/** What a staff list shows, as plain data: the props of its client component. */
export type StaffList<R> = {
  filter: { label: string; fields: FilterField[]; clearHref: string; keep: Query };
  counts: { label: string; items: StatusCountItem[] };
  table: { caption: string; rows: readonly R[]; sorting: Sorting };
  /** What the table says when it has no rows: nothing matches the filters, or there is nothing. */
  empty: { title: string; hint: string };
  pager: PagerState & { label: string };
};

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

/**
 * A staff list of requests, as data: the filters (free text, status, organization, then
 * `moreFilters`), the counts per status (each a link filtering to it), one page of rows with a link
 * per order the server can give (`sorts`), and the pager's links. `query` is the page's query as
 * parseFilteredListParams read it. What the list holds (`noun`) names the filter form and the
 * counts, and what it says when a search or filter matches nothing; `names` are the table's and
 * the pager's accessible names, `empty` what it says when there is nothing at all.
 */
export function staffListOf<R>({
  path,
  query: { current, list: order, status, filtered },
  sorts,
  statuses,
  countOrder = statuses,
  moreFilters = [],
  noun,
  names,
  list,
  empty,
}: {
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
  /** The orders the server can give the list: a sortable header links to each. */
  sorts: readonly string[];
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
}): StaffList<R> {
  const many = noun.many.charAt(0).toUpperCase() + noun.many.slice(1);
  const pageHref = (page: number) => listHref(path, current, { page: page === 1 ? undefined : String(page) });
  return {
    filter: {
      label: `Filter ${noun.many}`,
      clearHref: path,
      keep: { sort: current.sort, dir: current.dir },
      fields: [
        ...requestFilters({ q: current.q, status, statuses, organization: current.organization }),
        ...moreFilters,
      ],
    },
    counts: {
      label: `${many} by status`,
      items: countOrder
        .filter((value) => list.counts[value])
        .map((value) => ({
          key: value,
          label: STATUS_LABELS[value].label,
          count: list.counts[value] ?? 0,
          href: listHref(path, current, { status: status === value ? undefined : value }),
          current: status === value,
        })),
    },
    table: {
      caption: names.table,
      rows: list.rows,
      sorting: { ...order, hrefs: sortHrefs(path, current, sorts, order) },
    },
    empty: filtered
      ? { title: `No ${noun.many} match these filters`, hint: `Clear the filters to see every ${noun.one}.` }
      : empty,
    pager: {
      label: names.pages,
      page: list.page,
      pageCount: list.pageCount,
      pageSize: list.pageSize,
      total: list.total,
      previousHref: list.page > 1 ? pageHref(list.page - 1) : undefined,
      nextHref: list.page < list.pageCount ? pageHref(list.page + 1) : undefined,
    },
  };
}

/** A staff list under its page header, with `columns` (the request and its organization first). */
export function StaffRequestList<R extends { id: string }>({
  filter,
  counts,
  table,
  empty,
  pager,
  columns,
}: StaffList<R> & { columns: readonly Column<R>[] }) {
  return (
    <>
      <FilterForm {...filter} />
      <StatusCounts {...counts} />
      <DataTable
        {...table}
        columns={columns}
        empty={<EmptyState title={empty.title}>{empty.hint}</EmptyState>}
      />
      <Pagination {...pager} />
    </>
  );
}
