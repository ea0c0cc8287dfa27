import { AuditLogRoute, type AuditLogRouteProps } from "@/app/_views/audit-log-page";

export const metadata = { title: "Audit log · Support · Site-to-Site VPN" };

export default function StaffAuditPage({ searchParams }: AuditLogRouteProps) {
  return <AuditLogRoute audience="staff" basePath="/support/audit" searchParams={searchParams} />;
}
