import "server-only";
import type { Actor } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/auth/viewer";
import type { DeviceParamField } from "./device-params";
import { findRouterConfigFormatsFor } from "./formats";
import { getRouterConfigDownload } from "./get-router-config-download";
import { loadRouterConfigInput, type RouterConfigSubject } from "./load-router-config-input";
import { buildConfigModel } from "./render-helpers";
import { refusalReason } from "./render-router-config";

/** A page's searchParams as Next.js passes them, or a URLSearchParams. */
export type RouterConfigSearch = Record<string, string | string[] | undefined> | URLSearchParams;

export type RouterConfigFormatOption = {
  id: string;
  label: string;
  platform: string;
  writtenFor: string;
  checkedBy: "lab" | "documentation";
  /** Set when the format cannot serve this connection (e.g. ASA with IKEv1): why, and what instead. */
  refused?: string;
};

export type RouterConfigPage =
  | { state: "not-found" }
  | {
      state: "found";
      request: RouterConfigSubject;
      connection:
        | { state: "not-ready"; reason: string }
        | {
            state: "ready";
            routing: "STATIC" | "BGP";
            ikeVersion: "IKEV1" | "IKEV2";
            tunnelCount: number;
            keepAliveTarget: string;
            formats: RouterConfigFormatOption[];
          };
      selected?:
        | {
            state: "ready";
            id: string;
            label: string;
            writtenFor: string;
            checkedBy: "lab" | "documentation";
            docReference: string;
            filename: string;
            content: string;
            /** The device parameters as form fields, and the query string the download link carries. */
            deviceFields: DeviceParamField[];
            query: string;
          }
        | { state: "refused"; id: string; label: string; reason: string };
    };

function toSearchParams(search: RouterConfigSearch): URLSearchParams {
  if (search instanceof URLSearchParams) return search;
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (typeof value === "string") out.set(key, value);
    else if (Array.isArray(value) && typeof value[0] === "string") out.set(key, value[0]);
  }
  return out;
}

/**
 * What the router configuration page shows: the formats that fit the connection and, when one is
 * chosen (`format` in the query), its preview rendered with the query's device parameters (audited
 * like a download: it shows the PSKs). An unknown or inapplicable format is "not-found", like a
 * request the viewer may not see. The second argument is the page's query, or just a format ID.
 */
export async function getRouterConfigPage(
  requestId: string,
  query: RouterConfigSearch | string | undefined,
  viewer: { actor: Actor; scope: Scope },
): Promise<RouterConfigPage> {
  const search = toSearchParams(typeof query === "string" ? { format: query } : (query ?? {}));
  const formatId = search.get("format") || undefined;
  const loaded = await loadRouterConfigInput(requestId, viewer.scope);
  if (loaded.state === "not-found") return loaded;
  if (loaded.state === "not-ready") {
    return {
      state: "found",
      request: loaded.request,
      connection: { state: "not-ready", reason: loaded.reason },
    };
  }
  const { input } = loaded;
  const page: RouterConfigPage = {
    state: "found",
    request: loaded.request,
    connection: {
      state: "ready",
      routing: input.routing,
      ikeVersion: input.ikeVersion,
      tunnelCount: input.tunnels.length,
      keepAliveTarget: buildConfigModel(input).keepAliveTarget,
      formats: findRouterConfigFormatsFor(input.routing).map((f) => {
        const refused = refusalReason(f.id, input);
        return {
          id: f.id,
          label: f.label,
          platform: f.platform,
          writtenFor: f.writtenFor,
          checkedBy: f.checkedBy,
          ...(refused ? { refused } : {}),
        };
      }),
    },
  };
  if (!formatId) return page;
  const download = await getRouterConfigDownload(requestId, formatId, viewer, "preview", search);
  if (download.state === "refused") {
    return {
      ...page,
      selected: {
        state: "refused",
        id: download.format.id,
        label: download.format.label,
        reason: download.reason,
      },
    };
  }
  if (download.state !== "ready") return { state: "not-found" };
  return {
    ...page,
    selected: {
      state: "ready",
      id: download.format.id,
      label: download.format.label,
      writtenFor: download.format.writtenFor,
      checkedBy: download.format.checkedBy,
      docReference: download.format.docReference,
      filename: download.rendered.filename,
      content: download.rendered.content,
      deviceFields: download.device.fields,
      query: download.device.query,
    },
  };
}
