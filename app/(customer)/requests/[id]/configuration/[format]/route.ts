import { getCurrentUser } from "@/lib/auth/current-user";
import { routerConfigResponse } from "@/lib/router-config/router-config-response";

export const dynamic = "force-dynamic";

/** The customer's download: their own organization's requests only; anything else is 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  const { id, format } = await params;
  const user = await getCurrentUser();
  const viewer =
    user && user.role === "CUSTOMER" && user.organizationId
      ? {
          actor: { id: user.id, email: user.email },
          scope: { kind: "organization" as const, organizationId: user.organizationId },
        }
      : null;
  // The query carries the device parameters, so the file is the one the page previewed.
  return routerConfigResponse(id, format, viewer, new URL(request.url).searchParams);
}
