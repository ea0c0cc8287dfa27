import Link from "next/link";

/** The page shown, of a list this long, and the links to the pages before and after it (if any). */
export type PagerState = {
  page: number;
  pageCount: number;
  pageSize: number;
  total: number;
  previousHref: string | undefined;
  nextHref: string | undefined;
};

/** Where a long list is: "51–100 of 9 000", with links to the previous and next pages. */
export function Pagination({
  label,
  page,
  pageCount,
  pageSize,
  total,
  previousHref,
  nextHref,
}: PagerState & { label: string }) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const link = "text-indigo-700 underline-offset-2 hover:underline";
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <p>
        {`${from.toLocaleString("en-US")}–${to.toLocaleString("en-US")} of ${total.toLocaleString("en-US")}`}
      </p>
      <p className="flex gap-4">
        {previousHref ? (
          <Link href={previousHref} className={link} rel="prev">
            Previous page
          </Link>
        ) : null}
        <span>{`Page ${page} of ${pageCount}`}</span>
        {nextHref ? (
          <Link href={nextHref} className={link} rel="next">
            Next page
          </Link>
        ) : null}
      </p>
    </nav>
  );
}

/** One status's count, linking to the list filtered to it (or back, when it is the current one). */
export type StatusCountItem = { key: string; label: string; count: number; href: string; current: boolean };

/** Counts per status as links that filter the list to one status (the current one marked). */
export function StatusCounts({ label, items }: { label: string; items: readonly StatusCountItem[] }) {
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
