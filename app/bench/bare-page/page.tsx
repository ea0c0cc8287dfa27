import { notFound } from "next/navigation";
import { getEnv } from "@/lib/env";

// The floor `npm run bench` compares pages with: the root layout and nothing else. It exists only
// when BENCH_ROUTES is set (scripts/bench.ts sets it); everywhere else it is a 404. Rendered per
// request (never prerendered at build time, when the flag is unset).
export const dynamic = "force-dynamic";

export default async function BareBenchPage() {
  if (!getEnv().BENCH_ROUTES) notFound();
  return <p>Bare page</p>;
}
