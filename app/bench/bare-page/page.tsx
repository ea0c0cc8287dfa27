import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getEnv } from "@/lib/env";

// The floor `npm run bench` compares pages with: the root layout and nothing else. It exists only
// when BENCH_ROUTES is set (scripts/bench.ts sets it); everywhere else it is a 404.
export default async function BareBenchPage() {
  await connection();
  if (!getEnv().BENCH_ROUTES) notFound();
  return <p>Bare page</p>;
}
