import { apiHandler } from "@/lib/api/api-handler";
import { getRequest } from "@/lib/api/api-operations";
import { presentRequest } from "@/lib/api/present-vpn-request";
import { NotFoundError } from "@/lib/errors";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

export const GET = apiHandler(getRequest, async ({ viewer, params }) => {
  const request = await findVpnRequest(params.id, viewer.scope);
  if (!request) throw new NotFoundError();
  return { status: 200, body: { data: presentRequest(request, viewer) } };
});
