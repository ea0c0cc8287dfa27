import { getCurrentUser, isStaff } from "@/lib/auth/current-user";
import { routerConfigResponse } from "@/lib/router-config/router-config-response";

export const dynamic = "force-dynamic";

/** Staff download of any request's configuration; anyone else gets 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  const { id, format } = await params;
  const user = await getCurrentUser();
  const viewer =
    user && isStaff(user)
      ? { actor: { id: user.id, email: user.email }, scope: { kind: "staff" as const } }
      : null;
  // The query carries the device parameters, so the file is the one the page previewed.
  return routerConfigResponse(id, format, viewer, new URL(request.url).searchParams);
}
