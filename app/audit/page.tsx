import { AuditLogRoute, type AuditLogRouteProps } from "@/app/_views/audit-log-page";

export const metadata = { title: "Audit log · Site-to-Site VPN" };

export default function CustomerAuditPage({ searchParams }: AuditLogRouteProps) {
  return <AuditLogRoute audience="customer" basePath="/audit" searchParams={searchParams} />;
}
