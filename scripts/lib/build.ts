// Builds the Next.js app when its sources changed since the last build (a stamp of paths, sizes
// and modification times), so a second `npm start` starts at once.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { childEnv, ROOT, run } from "./run";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "postcss.config.mjs",
  "instrumentation.ts",
  "package-lock.json",
  "prisma/schema.prisma",
];
const SKIP = new Set(["node_modules", ".next", "__golden__"]);
const STAMP = path.join(ROOT, ".next", "portal-source-stamp");

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isDirectory()) {
    for (const child of readdirSync(full).sort()) {
      if (!SKIP.has(child) && !child.endsWith(".test.ts") && !child.endsWith(".test.tsx"))
        walk(path.join(entry, child), hash);
    }
    return;
  }
  hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
}

function sourceStamp(): string {
  const hash = createHash("sha256");
  for (const entry of SOURCES) walk(entry, hash);
  return hash.digest("hex");
}

export async function ensureBuild(log: (line: string) => void): Promise<void> {
  const stamp = sourceStamp();
  const built =
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === stamp;
  if (built) {
    log("Production build is up to date.");
    return;
  }
  log("Building the portal (next build)…");
  await run("next", ["build"], childEnv({ NEXT_TELEMETRY_DISABLED: "1" }));
  writeFileSync(STAMP, stamp);
}
