import { apiHandler } from "@/lib/api/api-handler";
import { decommissionRequest } from "@/lib/api/api-operations";
import { presentRequest } from "@/lib/api/present-vpn-request";
import { NotFoundError } from "@/lib/errors";
import { decommissionVpn } from "@/lib/provisioning/start-workflow";
import { findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";

export const POST = apiHandler(decommissionRequest, async ({ viewer, params }) => {
  await decommissionVpn(params.id, viewer);
  const request = await findVpnRequest(params.id, viewer.scope);
  if (!request) throw new NotFoundError();
  return { status: 202, body: { data: presentRequest(request, viewer) } };
});
