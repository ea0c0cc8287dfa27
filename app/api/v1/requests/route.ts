import { apiHandler } from "@/lib/api/api-handler";
import { createRequest, listRequests } from "@/lib/api/api-operations";
import { presentRequest, presentRequestSummary } from "@/lib/api/present-vpn-request";
import { createVpnRequest } from "@/lib/vpn-request/create-vpn-request";
import { findOrganizationRequests, findVpnRequest } from "@/lib/vpn-request/find-vpn-requests";
import { getRequestSettings } from "@/lib/vpn-request/request-settings";

export const GET = apiHandler(listRequests, async ({ viewer }) => {
  const requests = await findOrganizationRequests(viewer.scope);
  return { status: 200, body: { data: requests.map(presentRequestSummary) } };
});

export const POST = apiHandler(createRequest, async ({ viewer, body }) => {
  const { id } = await createVpnRequest(body, viewer, await getRequestSettings());
  const request = await findVpnRequest(id, viewer.scope);
  if (!request) throw new Error(`request ${id} vanished after it was created`);
  return {
    status: 201,
    body: { data: presentRequest(request, viewer) },
    headers: { Location: `/api/v1/requests/${id}` },
  };
});
