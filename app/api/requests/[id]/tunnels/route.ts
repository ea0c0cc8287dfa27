import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/current-user";
import { isUuid } from "@/lib/ids";
import { findConnectionState } from "@/lib/tunnels/find-connection-state";
import { findVpnChanges } from "@/lib/vpn-change/find-vpn-changes";

// Polled by the tunnel dashboard; authorized exactly like the request pages (customers: their
// organization's requests only, in the query; staff: all; anything else 404).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const { id } = await params;
  if (!isUuid(id))
    return NextResponse.json({ error: "No request with this id for you", field: "id" }, { status: 404 });
  // Both reads carry the viewer's scope in their `where`, so they run side by side; the latest day-2
  // changes ride along (issue 12): what was asked, by status, never a secret.
  const [state, changes] = await Promise.all([
    findConnectionState(id, viewer.scope),
    findVpnChanges(id, viewer.scope, 5),
  ]);
  // The refusal names the input it is about (the path's id), like every refusal (issue 10).
  if (!state)
    return NextResponse.json({ error: "No request with this id for you", field: "id" }, { status: 404 });
  return NextResponse.json({ ...state, changes }, { headers: { "Cache-Control": "no-store" } });
}
