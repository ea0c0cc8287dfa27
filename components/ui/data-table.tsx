import Link from "next/link";
import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  cell: (row: T) => ReactNode;
  className?: string;
};

/** The one list table: a captioned, scrollable table with a header row and one row per item. */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowData,
  empty,
}: {
  caption: string;
  /** Shown instead of the table when there are no rows: say why, and what to do. */
  empty: ReactNode;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** `data-*` attributes of a row (what scripts and tests select rows by). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  if (rows.length === 0) return empty;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="px-4 py-3">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((column) => (
                <td key={column.header} className={`px-4 py-3 ${column.className ?? ""}`}>
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
      <Link href={href} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
        {label}
      </Link>
      <div className="font-mono text-xs text-slate-500">{detail}</div>
    </>
  );
}
