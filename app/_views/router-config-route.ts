// The one configuration download handler behind /requests/[id]/configuration/[format] and
// /support/requests/[id]/configuration/[format]: the viewer's scope decides (others' → 404).
import { getViewer } from "@/lib/auth/current-user";
import { actorOf } from "@/lib/auth/viewer";
import { routerConfigResponse } from "@/lib/router-config/router-config-response";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  const { id, format } = await params;
  const viewer = await getViewer();
  const viewerScope = viewer && { actor: actorOf(viewer), scope: viewer.scope };
  return routerConfigResponse(id, format, viewerScope, new URL(request.url).searchParams);
}
