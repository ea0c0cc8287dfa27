import { apiHandler } from "@/lib/api/api-handler";
import { getTunnels } from "@/lib/api/api-operations";
import { NotFoundError } from "@/lib/errors";
import { findConnectionState } from "@/lib/tunnels/find-connection-state";

export const GET = apiHandler(getTunnels, async ({ viewer, params }) => {
  const state = await findConnectionState(params.id, viewer.scope);
  if (!state) throw new NotFoundError();
  return { status: 200, body: { data: state } };
});
