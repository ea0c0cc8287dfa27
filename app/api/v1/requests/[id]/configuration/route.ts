import { apiHandler } from "@/lib/api/api-handler";
import { getConfiguration } from "@/lib/api/api-operations";
import { actorOf } from "@/lib/auth/viewer";
import { ConflictError, NotFoundError, UserFacingError } from "@/lib/errors";
import { getRouterConfigDownload } from "@/lib/router-config/get-router-config-download";

// The same function, authorization and audit ("router-config.downloaded") as the portal's download.
export const GET = apiHandler(getConfiguration, async ({ viewer, params, query }) => {
  const download = await getRouterConfigDownload(
    params.id,
    query.format,
    { actor: actorOf(viewer), scope: viewer.scope },
    "download",
    deviceQuery(query),
  );
  if (download.state === "not-found") throw new NotFoundError("That request or format");
  if (download.state === "refused") throw new UserFacingError(`${download.format.label}: ${download.reason}`);
  if (download.state === "not-ready")
    throw new ConflictError(`The router configuration is not ready yet: ${download.reason}`);
  const { rendered } = download;
  return new Response(rendered.content, {
    status: 200,
    headers: {
      "Content-Type": rendered.contentType,
      "Content-Disposition": `attachment; filename="${rendered.filename}"`,
    },
  });
});

/** The device parameters of the query, as the download page passes them. */
function deviceQuery(query: Record<string, string | undefined>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (name !== "format" && value) search.set(name, value);
  return search;
}
