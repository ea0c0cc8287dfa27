import { AuditLogPage } from "@/app/_views/audit-log-page";
import { parseAuditLogFilters } from "@/lib/audit/audit-log-filters";
import { requireViewer } from "@/lib/auth/current-user";

export const metadata = { title: "Audit log · Site-to-Site VPN" };

export default async function CustomerAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer("customer");
  return (
    <AuditLogPage viewer={viewer} filters={parseAuditLogFilters(await searchParams)} basePath="/audit" />
  );
}
