// Tagging and lookup conventions shared by the provisioning and decommissioning steps: every
// resource carries `portal:request-id` (the request) and `portal:resource` (its role), and every
// step finds by those tags before it creates, so a retry or a crashed worker never duplicates.
import type { Filter, ResourceType, TagSpecification } from "@aws-sdk/client-ec2";
import { lookUpSettled } from "@/lib/aws/eventual-consistency";

export const TAG_REQUEST_ID = "portal:request-id";
export const TAG_RESOURCE = "portal:resource";

export type PortalResource =
  | "vpc"
  | "private-subnet"
  | "public-subnet"
  | "internet-gateway"
  | "vpn-gateway"
  | "customer-gateway"
  | "vpn-connection"
  | "elastic-ip"
  | "nat-gateway"
  | "private-route-table"
  | "public-route-table";

export function tagsFor(
  requestId: string,
  resourceType: ResourceType,
  resource: PortalResource,
): TagSpecification[] {
  return [
    {
      ResourceType: resourceType,
      Tags: [
        { Key: TAG_REQUEST_ID, Value: requestId },
        { Key: TAG_RESOURCE, Value: resource },
        { Key: "Name", Value: `vpn-portal-${resource}-${requestId.slice(0, 8)}` },
      ],
    },
  ];
}

export function byTags(requestId: string, resource: PortalResource, extra: Filter[] = []): Filter[] {
  return [
    { Name: `tag:${TAG_REQUEST_ID}`, Values: [requestId] },
    { Name: `tag:${TAG_RESOURCE}`, Values: [resource] },
    ...extra,
  ];
}

/**
 * The one find-or-create of the provisioning steps: looks the request's resource up by its tags
 * (only `liveStates`, when given, count as existing) and creates it, tagged in the create call,
 * only when none is found. A create whose reply was lost is therefore never repeated blindly: the
 * step's retry finds what the lost reply hid. EC2's tag filters are eventually consistent, so on a
 * step's second and later runs (`lookupWindowMs` > 0) the lookup is repeated with back-off for that
 * window before anything is created; a create with a client token of its own (NAT gateway, route
 * table) needs no window.
 */
export async function findOrCreateResource<T>(
  requestId: string,
  spec: {
    resource: PortalResource;
    /** The EC2 resource type of the tag specification (e.g. "natgateway" for a NAT gateway). */
    resourceType: ResourceType;
    liveStates?: readonly string[];
    find(filters: Filter[]): Promise<T | undefined>;
    create(tags: TagSpecification[]): Promise<T | undefined>;
    idOf(resource: T): string | undefined;
    /** How long to keep looking before creating (see `lookupWindow`); 0 or absent: one lookup. */
    lookupWindowMs?: number;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<{ resource: T; id: string; created: boolean }> {
  const extra = spec.liveStates ? [{ Name: "state", Values: [...spec.liveStates] }] : [];
  const filters = byTags(requestId, spec.resource, extra);
  const found = await lookUpSettled(() => spec.find(filters), {
    windowMs: spec.lookupWindowMs ?? 0,
    ...(spec.sleep ? { sleep: spec.sleep } : {}),
  });
  const foundId = found === undefined ? undefined : spec.idOf(found);
  if (found !== undefined && foundId) return { resource: found, id: foundId, created: false };
  const created = await spec.create(tagsFor(requestId, spec.resourceType, spec.resource));
  const createdId = created === undefined ? undefined : spec.idOf(created);
  if (created === undefined || !createdId) {
    throw new Error(`Creating the ${spec.resource} returned no ID.`);
  }
  return { resource: created, id: createdId, created: true };
}

/**
 * The lookup window of a create without a client token: none on a step's first run (nothing can
 * exist yet), EC2's consistency window on every later run (a lost reply may hide a new resource).
 */
export const lookupWindow = (ctx: { attempt: number; consistencyWindowMs: number }): number =>
  ctx.attempt > 1 ? ctx.consistencyWindowMs : 0;

/** Waits between polls of a resource's state; resolves the value once `check` returns one. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: { intervalMs: number; timeoutMs: number; what: string; sleep: (ms: number) => Promise<void> },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what}.`,
      );
    }
    await options.sleep(options.intervalMs);
  }
}
