// Tagging and lookup conventions shared by the provisioning and decommissioning steps: every
// resource carries `portal:request-id` (the request) and `portal:resource` (its role), and every
// step finds by those tags before it creates, so a retry or a crashed worker never duplicates.
import type { Filter, ResourceType, TagSpecification } from "@aws-sdk/client-ec2";

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
