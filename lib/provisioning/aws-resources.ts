// Tagging and lookup conventions shared by the provisioning and decommissioning steps: every
// resource carries `portal:request-id` (the request) and `portal:resource` (its role), and every
// step finds by those tags before it creates, so a retry or a crashed worker never duplicates.
import type { Filter, ResourceType, TagSpecification } from "@aws-sdk/client-ec2";
import { lookUpSettled } from "@/lib/aws/eventual-consistency";
import type { CreateIntents, StepContext } from "@/lib/provisioning/workflow-types";

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
 * step's retry finds what the lost reply hid. EC2's tag filters are eventually consistent, so when
 * an earlier run of the step made this create (`intents`), the lookup is repeated with back-off
 * until EC2's consistency window after the end of that attempt has passed before anything is
 * created again.
 * A create with idempotency of its own (client token, identical-call semantics) passes no intents.
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
    /** The step's record of creates begun (StepContext.createIntents) and EC2's consistency window. */
    intents?: { record: CreateIntents; windowMs: number; sleep?: (ms: number) => Promise<void> };
  },
): Promise<{ resource: T; id: string; created: boolean }> {
  const extra = spec.liveStates ? [{ Name: "state", Values: [...spec.liveStates] }] : [];
  const filters = byTags(requestId, spec.resource, extra);
  let found = await spec.find(filters);
  const intents = spec.intents;
  const begun = intents?.record.since(spec.resource);
  if (found === undefined && intents && begun !== undefined) {
    // A create began before and its reply may have been lost: look until EC2 must show it.
    const windowMs = Math.max(0, begun + intents.windowMs - Date.now());
    found = await lookUpSettled(() => spec.find(filters), {
      windowMs,
      ...(intents.sleep ? { sleep: intents.sleep } : {}),
    });
  }
  const foundId = found === undefined ? undefined : spec.idOf(found);
  if (found !== undefined && foundId) return { resource: found, id: foundId, created: false };
  await intents?.record.record(spec.resource);
  let created: T | undefined;
  try {
    created = await spec.create(tagsFor(requestId, spec.resourceType, spec.resource));
  } finally {
    // EC2 made the resource at some moment before the call ended (a slow or lost reply): the
    // lookup window of a retry runs from the end of the attempt, not from its start.
    await intents?.record.record(spec.resource);
  }
  const createdId = created === undefined ? undefined : spec.idOf(created);
  if (created === undefined || !createdId) {
    throw new Error(`Creating the ${spec.resource} returned no ID.`);
  }
  return { resource: created, id: createdId, created: true };
}

/** What a step passes to findOrCreateResource for a create that has no idempotency of its own. */
export const createIntentsOf = (ctx: {
  createIntents: CreateIntents;
  consistencyWindowMs: number;
  sleep: (ms: number) => Promise<void>;
}) => ({ record: ctx.createIntents, windowMs: ctx.consistencyWindowMs, sleep: ctx.sleep });

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

/** waitFor on a workflow step's own poll interval, wait budget and clock. */
export function waitForStep<T>(
  ctx: Pick<StepContext, "pollIntervalMs" | "waitTimeoutMs" | "sleep">,
  what: string,
  check: () => Promise<T | undefined>,
): Promise<T> {
  return waitFor(check, {
    intervalMs: ctx.pollIntervalMs,
    timeoutMs: ctx.waitTimeoutMs,
    what,
    sleep: ctx.sleep,
  });
}
