import { parseAuditLogFilters } from "@/lib/audit/audit-log-filters";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { getViewer } from "@/lib/auth/current-user";
import { isInAudience } from "@/lib/auth/viewer";

// Staff only: the CSV of the audit log with the page's filters (customers 403, like staff pages).
export async function GET(request: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("Sign in again.\n", { status: 401 });
  if (!isInAudience(viewer, "staff")) return new Response("Forbidden\n", { status: 403 });
  const filters = parseAuditLogFilters(Object.fromEntries(new URL(request.url).searchParams));
  const { csv, filename } = await exportAuditCsv(viewer, filters);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
