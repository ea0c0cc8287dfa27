import "server-only";
import { db } from "@/lib/db";

// One webhook delivery of an organization in flight at a time, across every worker (issue 10's
// fairness): a tarpitting endpoint holds one worker slot, never two. The alert queue's
// groupConcurrency keeps most of an organization's jobs back, but it is checked inside each fetch,
// and two fetches at the same moment each see no active job of the organization and take one
// apiece. The lease is the exact rule; the queue's option only keeps the second fetch rare.

/** How long a lease outlives the webhook's own timeout, for the DNS look-up and the writes around it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Takes the organization's webhook lease for this delivery, unless another delivery holds one that
 * has not run out. The same delivery may take it again (its earlier attempt's worker died). The
 * row lock of `on conflict do update` makes two takers at once one winner.
 */
export async function takeWebhookLease(
  organizationId: string,
  deliveryId: string,
  timeoutMs: number,
  now = new Date(),
): Promise<boolean> {
  const until = new Date(now.getTime() + timeoutMs + LEASE_MARGIN_MS);
  const taken = await db.$queryRaw<{ organizationId: string }[]>`
    insert into "WebhookLease" ("organizationId", "deliveryId", "until")
    values (${organizationId}::uuid, ${deliveryId}::uuid, ${until}::timestamp)
    on conflict ("organizationId") do update
      set "deliveryId" = excluded."deliveryId", "until" = excluded."until"
      where "WebhookLease"."until" < ${now}::timestamp
         or "WebhookLease"."deliveryId" = excluded."deliveryId"
    returning "organizationId"`;
  return taken.length === 1;
}

/** Gives the lease back, if this delivery still holds it (one that ran out may be another's now). */
export async function releaseWebhookLease(organizationId: string, deliveryId: string): Promise<void> {
  await db.$executeRaw`
    delete from "WebhookLease"
    where "organizationId" = ${organizationId}::uuid and "deliveryId" = ${deliveryId}::uuid`;
}
