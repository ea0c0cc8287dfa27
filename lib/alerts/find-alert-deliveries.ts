import "server-only";
import { deliveryErrorForCustomer } from "@/lib/alerts/delivery-error";
import type { Scope } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { scopedOrganizationWhere } from "@/lib/vpn-request/scope";

export type AlertDeliveryView = {
  id: string;
  createdAt: string;
  deliveredAt: string | null;
  kind: string;
  channel: "EMAIL" | "WEBHOOK";
  target: string;
  status: "PENDING" | "DELIVERED" | "FAILED";
  attempts: number;
  lastError: string | null;
  subject: string | null;
  organizationName: string;
  requestId: string | null;
  tunnelNumber: number | null;
};

/** The delivery log: one organization's (customers) or every organization's (staff), newest first. */
export async function findAlertDeliveries(scope: Scope, take = 25): Promise<AlertDeliveryView[]> {
  const rows = await db.alertDelivery.findMany({
    where: scopedOrganizationWhere(scope),
    orderBy: { createdAt: "desc" },
    take,
    include: { organization: { select: { name: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    kind: row.kind,
    channel: row.channel,
    target: row.target,
    status: row.status,
    attempts: row.attempts,
    // Customers see the class of a failure only ("refused: private address"), staff the detail.
    lastError: "organizationId" in scope ? deliveryErrorForCustomer(row.lastError) : row.lastError,
    subject:
      typeof row.payload === "object" && row.payload && "subject" in row.payload
        ? String(row.payload.subject)
        : null,
    organizationName: row.organization.name,
    requestId: row.requestId,
    tunnelNumber: row.tunnelNumber,
  }));
}
