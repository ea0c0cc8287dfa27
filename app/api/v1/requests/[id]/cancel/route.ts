import { apiHandler } from "@/lib/api/api-handler";
import { cancelRequest } from "@/lib/api/api-operations";
import { presentRequest } from "@/lib/api/present-vpn-request";
import { NotFoundError } from "@/lib/errors";
import { cancelVpnRequest } from "@/lib/vpn-request/decide-vpn-request";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

export const POST = apiHandler(cancelRequest, async ({ viewer, params }) => {
  await cancelVpnRequest(params.id, viewer);
  const request = await findVpnRequest(params.id, viewer.scope);
  if (!request) throw new NotFoundError();
  return { status: 200, body: { data: presentRequest(request, viewer) } };
});
