import { TunnelStateLive } from "@/components/tunnel-state-live";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findConnectionState, showsTunnelState } from "@/lib/tunnels/find-connection-state";
import { scopeOf } from "@/lib/vpn-request/scope";

/**
 * The tunnel dashboard of one connection, for the customer and the staff request pages: loads the
 * state with the viewer's own scope, then the live view keeps it current. Nothing before provisioning.
 */
export async function TunnelStatePanel({ requestId }: { requestId: string }) {
  const user = await getCurrentUser();
  if (!user) return null;
  const state = await findConnectionState(requestId, scopeOf(user));
  if (!state || !showsTunnelState(state)) return null;
  return <TunnelStateLive initial={state} />;
}
