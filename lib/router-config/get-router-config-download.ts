import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/auth/viewer";
import { findRouterConfigFormat, type RouterConfigFormat } from "./formats";
import { loadRouterConfigInput, type RouterConfigSubject } from "./load-router-config-input";
import { type RenderedRouterConfig, renderRouterConfig } from "./render-router-config";

/** How the configuration left the portal: a file download, or shown on the page (both carry PSKs). */
export type RouterConfigDelivery = "download" | "preview";

export const ROUTER_CONFIG_AUDIT_ACTIONS = {
  download: "router-config.downloaded",
  preview: "router-config.viewed",
} as const satisfies Record<RouterConfigDelivery, string>;

export type RouterConfigDownload =
  | { state: "not-found" }
  | { state: "not-ready"; request: RouterConfigSubject; reason: string }
  | {
      state: "ready";
      request: RouterConfigSubject;
      format: RouterConfigFormat;
      rendered: RenderedRouterConfig;
    };

/**
 * Renders one format of a request's router configuration for someone allowed to see it, and audits
 * it (who, when, which format). An unknown format, or one that does not apply to the connection's
 * routing (FRR for static), is "not-found" like a request of another organization.
 */
export async function getRouterConfigDownload(
  requestId: string,
  formatId: string,
  viewer: { actor: Actor; scope: Scope },
  delivery: RouterConfigDelivery,
): Promise<RouterConfigDownload> {
  const format = findRouterConfigFormat(formatId);
  if (!format) return { state: "not-found" };
  const loaded = await loadRouterConfigInput(requestId, viewer.scope);
  if (loaded.state !== "ready") return loaded;
  if (format.routing && format.routing !== loaded.input.routing) return { state: "not-found" };
  const rendered = renderRouterConfig(format.id, loaded.input);
  await recordAuditEvent({
    actor: viewer.actor,
    action: ROUTER_CONFIG_AUDIT_ACTIONS[delivery],
    targetType: "VpnRequest",
    targetId: loaded.request.id,
    organizationId: loaded.request.organizationId,
    details: { format: format.id, filename: rendered.filename },
  });
  return { state: "ready", request: loaded.request, format, rendered };
}
