import "server-only";
import type { DbTransaction } from "@/lib/db";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type Actor = { id: string; email: string } | { id: null; email: "system" };

export const SYSTEM_ACTOR: Actor = { id: null, email: "system" };

export type AuditEventInput = {
  actor: Actor;
  action: string;
  targetType:
    | "VpnRequest"
    | "Organization"
    | "User"
    | "Session"
    | "PlatformSettings"
    | "ApiToken"
    | "AwsAccount";
  targetId: string;
  organizationId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** Writes one audit event; pass the transaction that made the change so both land or neither. */
export async function recordAuditEvent(event: AuditEventInput, tx: DbTransaction | typeof db = db) {
  await tx.auditEvent.create({
    data: {
      actorId: event.actor.id,
      actorEmail: event.actor.email,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      organizationId: event.organizationId ?? null,
      details: event.details,
    },
  });
}
