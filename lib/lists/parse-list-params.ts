// The query string of a staff list page (?q=&page=&sort=&dir=) read defensively: anything
// unexpected falls back to the default, so a hand-edited URL never errors. Pure.

/**
 * Rows per page of a staff list: a page renders its rows twice (HTML and the React payload), and
 * at 50 the queue cost 2.4× a bare page and the connections 3.3× (issue 11 asks at most 2×); 25
 * rows is a screen or two, with the search, the filters and the counts per status above them.
 */
export const PAGE_SIZE = 25;

export type SortDirection = "asc" | "desc";

export type ListParams<S extends string> = {
  /** Free-text search, trimmed; undefined when empty. */
  q: string | undefined;
  /** 1-based. */
  page: number;
  sort: S;
  dir: SortDirection;
};

type Raw = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function parseListParams<S extends string>(
  raw: Raw,
  sorts: readonly S[],
  defaults: { sort: S; dir: SortDirection },
): ListParams<S> {
  const q = first(raw.q)?.trim().slice(0, 200) || undefined;
  const page = Number.parseInt(first(raw.page) ?? "", 10);
  const sort = sorts.find((value) => value === first(raw.sort)) ?? defaults.sort;
  const dirRaw = first(raw.dir);
  const dir: SortDirection = dirRaw === "asc" || dirRaw === "desc" ? dirRaw : defaults.dir;
  return { q, page: Number.isFinite(page) && page >= 1 ? Math.min(page, 100_000) : 1, sort, dir };
}

/**
 * A staff list of requests: search, page and sort, then its filters — status (one of `statuses`),
 * organization, and the page's own (`more`, already read). `current` is the query its links keep
 * (the default sort left out); `filtered` says whether a search or a filter narrows the list.
 */
export function parseFilteredListParams<S extends string, T extends string>(
  raw: Raw,
  sorts: readonly S[],
  defaults: { sort: S; dir: SortDirection },
  statuses: readonly T[],
  more: Record<string, string | undefined> = {},
) {
  const list = parseListParams(raw, sorts, defaults);
  const status = statuses.find((value) => value === raw.status);
  const organization =
    typeof raw.organization === "string" ? raw.organization.trim() || undefined : undefined;
  const sorted = list.sort !== defaults.sort;
  const current = {
    q: list.q,
    status,
    organization,
    ...more,
    sort: sorted ? list.sort : undefined,
    dir: sorted ? list.dir : undefined,
  };
  const filtered = Boolean(status || organization || list.q || Object.values(more).some(Boolean));
  return { list, status, organization, current, filtered };
}

/** The URL of the same list with some parameters changed (undefined or "" removes one). */
export function listHref(path: string, current: Raw, changes: Raw): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...changes })) {
    const v = first(value);
    if (v !== undefined && v !== "") params.set(key, v);
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Where each sortable header of a list links to: the list in that order, page 1, other filters
 * kept; the current order's header flips its direction.
 */
export function sortHrefs(
  path: string,
  current: Raw,
  sorts: readonly string[],
  order: { sort: string; dir: SortDirection },
): Record<string, string> {
  return Object.fromEntries(
    sorts.map((sort) => [
      sort,
      listHref(path, current, { sort, dir: sort === order.sort && order.dir === "asc" ? "desc" : "asc" }),
    ]),
  );
}

/** One page of a staff list, with the size of the whole (filtered) list and counts per status. */
export type ListPage<T, S extends string = string> = {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  /** Rows per status under the same search and organization filter, ignoring the status filter. */
  counts: Partial<Record<S, number>>;
};

export function pageCountOf(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The page actually shown (the asked-for one, at most the last) and where its rows start. */
export function pageWindow(total: number, askedPage: number, pageSize: number) {
  const pageCount = pageCountOf(total, pageSize);
  const page = Math.min(askedPage, pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize };
}
