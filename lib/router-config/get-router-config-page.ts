import "server-only";
import type { Actor } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/auth/viewer";
import { findRouterConfigFormatsFor } from "./formats";
import { getRouterConfigDownload } from "./get-router-config-download";
import { loadRouterConfigInput, type RouterConfigSubject } from "./load-router-config-input";
import { buildConfigModel } from "./render-helpers";

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
            formats: { id: string; label: string; platform: string }[];
          };
      selected?: { id: string; label: string; filename: string; content: string };
    };

/**
 * What the router configuration page shows: the formats that fit the connection and, when one is
 * chosen, its rendered preview (audited like a download: it shows the PSKs). An unknown or
 * inapplicable format is "not-found", like a request the viewer may not see.
 */
export async function getRouterConfigPage(
  requestId: string,
  formatId: string | undefined,
  viewer: { actor: Actor; scope: Scope },
): Promise<RouterConfigPage> {
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
      formats: findRouterConfigFormatsFor(input.routing).map(({ id, label, platform }) => ({
        id,
        label,
        platform,
      })),
    },
  };
  if (!formatId) return page;
  const download = await getRouterConfigDownload(requestId, formatId, viewer, "preview");
  if (download.state !== "ready") return { state: "not-found" };
  return {
    ...page,
    selected: {
      id: download.format.id,
      label: download.format.label,
      filename: download.rendered.filename,
      content: download.rendered.content,
    },
  };
}
