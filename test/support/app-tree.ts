// Every page, route handler and server action of the app, found by walking app/ at run time, so a
// new one is covered by the tests that use this (authorization matrix, fuzzing, headers) without
// editing them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export type AppEntry =
  | { kind: "page"; pattern: string; file: string }
  | { kind: "route"; pattern: string; file: string; methods: string[] }
  | { kind: "actions"; pattern: string; file: string };

const ROOT = path.resolve(import.meta.dirname, "../../app");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** "app/(customer)/requests/[id]/page.tsx" → "/requests/[id]" (route groups dropped). */
export function patternOf(file: string): string {
  const segments = path
    .relative(ROOT, path.dirname(file))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment));
  return `/${segments.join("/")}`;
}

export function appEntries(): AppEntry[] {
  const entries: AppEntry[] = [];
  for (const file of walk(ROOT).sort()) {
    const base = path.basename(file);
    const pattern = patternOf(file);
    if (/^page\.(tsx|ts|jsx|js)$/.test(base)) entries.push({ kind: "page", pattern, file });
    else if (/^route\.(ts|js)$/.test(base)) {
      const source = readFileSync(file, "utf8");
      const methods = METHODS.filter((method) =>
        new RegExp(
          `export\\s+(async\\s+)?(function|const)\\s+${method}\\b|export\\s+const\\s+\\{[^}]*\\b${method}\\b`,
        ).test(source),
      );
      entries.push({ kind: "route", pattern, file, methods });
    } else if (/\.(ts|tsx)$/.test(base) && /^\s*["']use server["']/.test(readFileSync(file, "utf8"))) {
      entries.push({ kind: "actions", pattern, file });
    }
  }
  return entries;
}

/** A concrete URL for a pattern: [id] → the given request, [format] → a format, catch-alls → "x". */
export function concretePath(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/\[\[?(\.\.\.)?(\w+)\]?\]/g, (_match, _dots, name: string) => values[name] ?? "x");
}
