import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/current-user";
import { isUuid } from "@/lib/ids";
import { findWorkflowProgress } from "@/lib/provisioning/find-workflow-progress";

// Polled by the progress view while a workflow runs; authorized exactly like the request pages.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Sign in again." }, { status: 401 });
  const { id } = await params;
  const progress = isUuid(id) ? await findWorkflowProgress(id, viewer) : null;
  // The refusal names the input it is about (the path's id), like every refusal (issue 10).
  if (!progress)
    return NextResponse.json({ error: "No request with this id for you", field: "id" }, { status: 404 });
  return NextResponse.json(progress, { headers: { "Cache-Control": "no-store" } });
}
