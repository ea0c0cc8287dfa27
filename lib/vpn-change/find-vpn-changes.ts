import "server-only";
import type { Scope } from "@/lib/auth/viewer";
import { readRows } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { VpnChangeKind } from "@/lib/generated/prisma/enums";
import { isUuid } from "@/lib/ids";
import {
  customerFailureMessage,
  failureReference,
  staffFailureMessage,
} from "@/lib/vpn-request/customer-failure-message";
import { scopedRequestSql } from "@/lib/vpn-request/scope";

export type VpnChangeView = {
  id: string;
  kind: VpnChangeKind;
  status: "AWAITING_APPROVAL" | "PENDING" | "RUNNING" | "DONE" | "FAILED" | "REJECTED";
  requested: unknown;
  requestedAt: string;
  finishedAt: string | null;
  stepsDone: string[];
  error: string | null;
  rejectionReason: string | null;
};

type ChangeRow = {
  id: string;
  kind: VpnChangeKind;
  status: VpnChangeView["status"];
  requested: unknown;
  requestedAt: Date;
  finishedAt: Date | null;
  stepsDone: string[];
  error: string | null;
  rejectionReason: string | null;
};

/**
 * The request's latest changes, newest first, as this scope may see them. Read with every
 * dashboard poll: one plain statement, the scope in its `where` (decision 027).
 */
export async function findVpnChanges(requestId: string, scope: Scope, take = 10): Promise<VpnChangeView[]> {
  if (!isUuid(requestId)) return [];
  const rows = await readRows<ChangeRow>(Prisma.sql`
    select c.id, c.kind::text as kind, c.status::text as status, c.requested, c."requestedAt",
      c."finishedAt", array(select jsonb_object_keys(c.steps)) as "stepsDone", c.error, c."rejectionReason"
    from "VpnChange" c join "VpnRequest" r on r.id = c."requestId"
    where c."requestId" = ${requestId}::uuid ${scopedRequestSql(scope, "r")}
    order by c."requestedAt" desc
    limit ${take}`);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    requested: row.requested,
    requestedAt: row.requestedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    stepsDone: row.stepsDone,
    error: row.error === null ? null : errorAsSeenBy(scope, row.id, row.finishedAt, row.error),
    rejectionReason: row.rejectionReason,
  }));
}

/** A failed change as each reader may see it: customers the step and a reference, staff AWS's words too (DESIGN §13). */
function errorAsSeenBy(scope: Scope, changeId: string, finishedAt: Date | null, error: string): string {
  const reference = failureReference(changeId, finishedAt);
  if (scope.kind === "staff") return staffFailureMessage(reference, error);
  const step = error.split(":")[0] ?? "";
  return `${step}: ${customerFailureMessage(reference)}`;
}

export type ChangeAwaitingApproval = {
  id: string;
  requestId: string;
  customerName: string;
  organizationName: string;
  description: string;
  requestedAt: Date;
};

type AwaitingRow = Omit<ChangeAwaitingApproval, "description"> & Pick<VpnChangeView, "kind" | "requested">;

/**
 * Staff's queue: the changes waiting for support's approval, oldest first. On the queue's page
 * with every view: one plain statement with the request and its organization (decision 027).
 */
export async function findChangesAwaitingApproval(take = 50): Promise<ChangeAwaitingApproval[]> {
  const rows = await readRows<AwaitingRow>(Prisma.sql`
    select c.id, c."requestId", r."customerName", o.name as "organizationName", c.kind::text as kind,
      c.requested, c."requestedAt"
    from "VpnChange" c join "VpnRequest" r on r.id = c."requestId" join "Organization" o on o.id = r."organizationId"
    where c.status = 'AWAITING_APPROVAL'
    order by c."requestedAt" asc
    limit ${take}`);
  return rows.map((row) => ({
    id: row.id,
    requestId: row.requestId,
    customerName: row.customerName,
    organizationName: row.organizationName,
    description: describeChange(row),
    requestedAt: row.requestedAt,
  }));
}

/** One line for a change: what was asked. */
export function describeChange(change: Pick<VpnChangeView, "kind" | "requested">): string {
  const requested = (change.requested ?? {}) as {
    tunnel?: number;
    add?: string[];
    remove?: string[];
    ikeVersion?: string;
    dpdTimeoutAction?: string;
    customerGatewayIp?: string;
    previousCustomerGatewayIp?: string;
  };
  if (change.kind === "CUSTOMER_GATEWAY")
    return `New customer gateway IP: ${requested.previousCustomerGatewayIp ?? "?"} → ${requested.customerGatewayIp ?? "?"}`;
  if (change.kind === "TUNNEL_OPTIONS")
    return `Tunnel options: ${requested.ikeVersion === "IKEV2" ? "IKEv2" : "IKEv1"}, DPD timeout action ${requested.dpdTimeoutAction ?? "?"}`;
  if (change.kind === "ROTATE_KEY") return `New pre-shared key on tunnel ${requested.tunnel ?? "?"}`;
  if (change.kind === "REPLACE_TUNNEL") return `AWS maintenance applied on tunnel ${requested.tunnel ?? "?"}`;
  const label = change.kind === "NETWORKS" ? "Networks to be advertised" : "Static routes";
  const parts = [
    requested.add?.length ? `add ${requested.add.join(", ")}` : "",
    requested.remove?.length ? `remove ${requested.remove.join(", ")}` : "",
  ].filter(Boolean);
  return `${label}: ${parts.join("; ") || "no difference"}`;
}
