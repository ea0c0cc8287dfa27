import { NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findConnectionState } from "@/lib/tunnels/find-connection-state";
import { isUuid } from "@/lib/vpn-request/find-vpn-requests";
import { scopeOf } from "@/lib/vpn-request/scope";

// Polled by the tunnel dashboard; authorized exactly like the request pages (customers: their
// organization's requests only, in the query; staff: all; anything else 404).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const { id } = await params;
  const state = isUuid(id) ? await findConnectionState(id, scopeOf(user)) : null;
  // The refusal names the input it is about (the path's id), like every refusal (issue 10).
  if (!state)
    return NextResponse.json({ error: "No request with this id for you", field: "id" }, { status: 404 });
  return NextResponse.json(state, { headers: { "Cache-Control": "no-store" } });
}
