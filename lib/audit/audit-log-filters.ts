// The audit log's filters and page, parsed from the URL's search parameters (pages and the CSV
// export share this one schema). Unknown or malformed values are dropped, not errors. Pure.
import { z } from "zod";
import { isUuid } from "@/lib/ids";

export const AUDIT_PAGE_SIZE = 50;
/** Most rows one CSV export holds (narrow the filters for more). */
export const AUDIT_EXPORT_LIMIT = 10_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number) =>
  z
    .string()
    .optional()
    .transform((value) => value?.trim().slice(0, max) || undefined);
const optionalDay = z
  .string()
  .optional()
  .transform((value) => (value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined));

export const auditLogFiltersSchema = z.object({
  organization: z
    .string()
    .optional()
    .transform((value) => (value && isUuid(value) ? value : undefined)),
  /** Part of the actor's e-mail address (staff only). */
  actor: optionalText(200),
  action: optionalText(100),
  /** UTC days, inclusive. */
  from: optionalDay,
  to: optionalDay,
  page: z
    .string()
    .optional()
    .transform((value) => {
      const page = Number(value);
      return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
    }),
});

export type AuditLogFilters = z.output<typeof auditLogFiltersSchema>;

/** Reads the filters from a page's or route's search parameters (first value of each). */
export function parseAuditLogFilters(params: Record<string, string | string[] | undefined>): AuditLogFilters {
  const first = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return auditLogFiltersSchema.parse(first);
}

/** The query string of these filters (for pagination links and the export), without the page. */
export function auditLogQuery(filters: AuditLogFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const key of ["organization", "actor", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (page && page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** [from, to) in UTC for the day filters. */
export function auditLogTimeRange(filters: Pick<AuditLogFilters, "from" | "to">) {
  return {
    gte: filters.from ? new Date(`${filters.from}T00:00:00.000Z`) : undefined,
    lt: filters.to ? new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000) : undefined,
  };
}
