import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";

// A floor of `npm run bench` between the bare route and the JSON routes: the session and the one
// user read every authorized route pays, nothing else. Only when BENCH_ROUTES is set; else 404.
export async function GET() {
  if (!getEnv().BENCH_ROUTES) return NextResponse.json({ error: "Not found" }, { status: 404 });
  const viewer = await getViewer();
  return NextResponse.json({ role: viewer?.role ?? null }, { headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";
