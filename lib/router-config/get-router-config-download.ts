import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/auth/viewer";
import { type ParsedDeviceParams, parseDeviceParams } from "./device-params";
import { findRouterConfigFormat, type RouterConfigFormat } from "./formats";
import {
  loadRouterConfigInput,
  type RouterConfigSubject,
  type RouterConfigUnavailable,
} from "./load-router-config-input";
import { type RenderedRouterConfig, refusalReason, renderRouterConfig } from "./render-router-config";

/** How the configuration left the portal: a file download, or shown on the page (both carry PSKs). */
export type RouterConfigDelivery = "download" | "preview";

export const ROUTER_CONFIG_AUDIT_ACTIONS = {
  download: "router-config.downloaded",
  preview: "router-config.viewed",
} as const satisfies Record<RouterConfigDelivery, string>;

export type RouterConfigDownload =
  | RouterConfigUnavailable
  | {
      /** The vendor/version cannot meet the AWS policy for this connection (DESIGN §7): nothing rendered. */
      state: "refused";
      request: RouterConfigSubject;
      format: RouterConfigFormat;
      reason: string;
    }
  | {
      state: "ready";
      request: RouterConfigSubject;
      format: RouterConfigFormat;
      rendered: RenderedRouterConfig;
      /** The device parameters the file was rendered with (query string included for the links). */
      device: ParsedDeviceParams;
    };

/**
 * Renders one format of a request's router configuration for someone allowed to see it, with the
 * device parameters of the query string (defaults for the organization's Nth connection), and audits
 * it (who, when, which format). An unknown format, or one that does not apply to the connection's
 * routing (FRR for static), is "not-found" like a request of another organization.
 */
export async function getRouterConfigDownload(
  requestId: string,
  formatId: string,
  viewer: { actor: Actor; scope: Scope },
  delivery: RouterConfigDelivery,
  search: URLSearchParams = new URLSearchParams(),
): Promise<RouterConfigDownload> {
  const format = findRouterConfigFormat(formatId);
  if (!format) return { state: "not-found" };
  const loaded = await loadRouterConfigInput(requestId, viewer.scope);
  if (loaded.state !== "ready") return loaded;
  if (format.routing && format.routing !== loaded.input.routing) return { state: "not-found" };
  const refused = refusalReason(format.id, loaded.input);
  if (refused) return { state: "refused", request: loaded.request, format, reason: refused };
  const device = parseDeviceParams(format.id, search, loaded.connectionIndex);
  const rendered = renderRouterConfig(format.id, loaded.input, device.params);
  await recordAuditEvent({
    actor: viewer.actor,
    action: ROUTER_CONFIG_AUDIT_ACTIONS[delivery],
    targetType: "VpnRequest",
    targetId: loaded.request.id,
    organizationId: loaded.request.organizationId,
    details: { format: format.id, filename: rendered.filename },
  });
  return { state: "ready", request: loaded.request, format, rendered, device };
}
