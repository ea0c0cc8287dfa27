import "server-only";
import type { Actor } from "@/lib/audit/record-audit-event";
import type { Scope } from "@/lib/auth/viewer";
import { getRouterConfigDownload } from "./get-router-config-download";

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

/**
 * The HTTP answer of a configuration download route: the file as an attachment (never cached: it
 * holds the PSKs), 404 for anything the viewer may not see or that does not exist, 409 while the
 * connection is not provisioned yet, 422 with the reason when the vendor/version cannot meet the AWS
 * policy for this connection. `search` is the download URL's query: the device parameters, so the
 * file is the one the page previewed.
 */
export async function routerConfigResponse(
  requestId: string,
  formatId: string,
  viewer: { actor: Actor; scope: Scope } | null,
  search: URLSearchParams = new URLSearchParams(),
): Promise<Response> {
  if (!viewer) return notFoundResponse();
  const download = await getRouterConfigDownload(requestId, formatId, viewer, "download", search);
  if (download.state === "not-found") return notFoundResponse();
  if (download.state === "refused") {
    return new Response(`${download.format.label} cannot be used for this connection: ${download.reason}\n`, {
      status: 422,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  if (download.state === "not-ready") {
    return new Response(`Router configuration not ready yet: ${download.reason}\n`, {
      status: 409,
      headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { rendered } = download;
  return new Response(rendered.content, {
    status: 200,
    headers: {
      ...NO_STORE,
      "Content-Type": rendered.contentType,
      "Content-Disposition": `attachment; filename="${rendered.filename}"`,
    },
  });
}

export function notFoundResponse(): Response {
  return new Response("Not found\n", {
    status: 404,
    headers: { ...NO_STORE, "Content-Type": "text/plain; charset=utf-8" },
  });
}
