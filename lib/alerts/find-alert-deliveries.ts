import "server-only";
import { deliveryErrorForCustomer } from "@/lib/alerts/delivery-error";
import type { Scope } from "@/lib/auth/viewer";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { scopedRequestSql } from "@/lib/vpn-request/scope";

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

type DeliveryRow = Omit<AlertDeliveryView, "createdAt" | "deliveredAt" | "subject"> & {
  createdAt: Date;
  deliveredAt: Date | null;
  payload: unknown;
};

/** The delivery log: one organization's (customers) or every organization's (staff), newest first. */
export async function findAlertDeliveries(scope: Scope, take = 25): Promise<AlertDeliveryView[]> {
  // The connections page and the customer's settings read it on every view: one plain statement
  // with the organization's name joined (decision 027).
  const rows = await readRows<DeliveryRow>(Prisma.sql`
    select d.id, d."createdAt", d."deliveredAt", d.kind, d.channel::text as channel, d.target,
      d.status::text as status, d.attempts, d."lastError", d.payload, d."requestId", d."tunnelNumber",
      o.name as "organizationName"
    from "AlertDelivery" d join "Organization" o on o.id = d."organizationId"
    where true ${scopedRequestSql(scope, "d")}
    order by d."createdAt" desc
    limit ${take}`);
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
    organizationName: row.organizationName,
    requestId: row.requestId,
    tunnelNumber: row.tunnelNumber,
  }));
}
