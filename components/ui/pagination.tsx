import Link from "next/link";

/** Where a long list is: "51–100 of 9 000", with links to the previous and next pages. */
export function Pagination({
  label,
  of: { page, pageCount, pageSize, total },
  href,
}: {
  label: string;
  /** The page shown, of a list this long. */
  of: { page: number; pageCount: number; pageSize: number; total: number };
  href: (page: number) => string;
}) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const link = "text-indigo-700 underline-offset-2 hover:underline";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <p>
        {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
      </p>
      <p className="flex gap-4">
        {page > 1 ? (
          <Link href={href(page - 1)} className={link} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>
          Page {page} of {pageCount}
        </span>
        {page < pageCount ? (
          <Link href={href(page + 1)} className={link} rel="next">
            Next page
          </Link>
        ) : null}
      </p>
    </nav>
  );
}

/** Counts per status as links that filter the list to one status (the current one marked). */
export function StatusCounts({
  label,
  items,
}: {
  label: string;
  items: readonly { key: string; label: string; count: number; href: string; current: boolean }[];
}) {
  return (
    <nav aria-label={label} className="mb-4">
      <ul className="flex flex-wrap gap-2 text-xs">
        {items.map((item) => (
          <li key={item.key}>
            <Link
              href={item.href}
              aria-current={item.current ? "page" : undefined}
              className={`inline-block rounded-full border px-3 py-1 ${
                item.current
                  ? "border-indigo-300 bg-indigo-50 text-indigo-800"
                  : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {item.label} <span className="font-semibold">{item.count.toLocaleString("en-US")}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
