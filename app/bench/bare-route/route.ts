import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";

// The floor `npm run bench` compares JSON routes with: a route handler that does nothing. Only
// when BENCH_ROUTES is set (scripts/bench.ts sets it); everywhere else a 404.
export function GET() {
  if (!getEnv().BENCH_ROUTES) return NextResponse.json({ error: "Not found" }, { status: 404 });
  return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

export const dynamic = "force-dynamic";
