import Link from "next/link";
import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** The list's sort key for this column, when the server can sort by it. */
  sortKey?: string;
};

/**
 * The list's current order and where each sortable header links to (the server sorts; a header is
 * a link). Plain data, so a table rendered by a client component is handed it like its rows.
 */
export type Sorting = {
  sort: string;
  dir: "asc" | "desc";
  /** By sort key: the list in that order (the other direction when it is the current order). */
  hrefs: Readonly<Record<string, string>>;
};

type DataTableProps<T> = {
  caption: string;
  /** Shown instead of the table when there are no rows: say why, and what to do. */
  empty: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** `data-*` attributes of a row (what scripts and tests select rows by). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
  sorting?: Sorting;
};

/**
 * The one list table: a captioned, scrollable table with a header row and one row per item. It
 * renders in server components and in client ones alike (no directive of its own): the paged staff
 * lists render it in the browser's bundle from their rows' data (decision 028).
 */
export function DataTable<T extends { id: string }>(
  props: DataTableProps<T> & { rowKey?: (row: T) => string },
): ReactNode;
/** Rows without an `id` say what keys them. */
export function DataTable<T>(props: DataTableProps<T> & { rowKey: (row: T) => string }): ReactNode;
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey = (row) => (row as { id: string }).id,
  rowData,
  empty,
  sorting,
}: DataTableProps<T> & { rowKey?: (row: T) => string }) {
  if (rows.length === 0) return empty;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((column) => (
              <SortableHeader key={column.header} column={column} sorting={sorting} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A row's main link with a monospaced detail under it (gateway IP, connection ID). */
export function LinkCell({ href, label, detail }: { href: string; label: string; detail: ReactNode }) {
  return (
    <>
      <Link href={href} className="row-link">
        {label}
      </Link>
      <div className="row-detail">{detail}</div>
    </>
  );
}

function SortableHeader<T>({ column, sorting }: { column: Column<T>; sorting: Sorting | undefined }) {
  const href = column.sortKey ? sorting?.hrefs[column.sortKey] : undefined;
  if (!sorting || !href) return <th scope="col">{column.header}</th>;
  const active = sorting.sort === column.sortKey;
  return (
    <th scope="col" aria-sort={active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={href} className="underline-offset-2 hover:underline">
        {column.header}
        {active ? <span aria-hidden="true">{sorting.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
