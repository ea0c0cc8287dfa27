import { apiHandler } from "@/lib/api/api-handler";
import { getConfiguration } from "@/lib/api/api-operations";
import { actorOf } from "@/lib/auth/viewer";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getRouterConfigDownload } from "@/lib/router-config/get-router-config-download";

// The same function, authorization and audit ("router-config.downloaded") as the portal's download.
export const GET = apiHandler(getConfiguration, async ({ viewer, params, query }) => {
  const download = await getRouterConfigDownload(
    params.id,
    query.format,
    { actor: actorOf(viewer), scope: viewer.scope },
    "download",
  );
  if (download.state === "not-found") throw new NotFoundError("That request or format");
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
