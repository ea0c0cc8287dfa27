// The web app's progress read must not load the EC2 engine: this follows its imports in the source.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

function localImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^import\s[^;]*?from\s+"@\/([^"]+)"/gms)].map((match) => match[1] ?? "");
}

function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module) || module.startsWith("lib/generated/")) return;
    seen.add(module);
    for (const next of localImports(path.join(ROOT, `${module}.ts`))) visit(next);
  };
  visit(entry);
  return seen;
}

it("reads step names and labels from the catalogue, without the EC2 client or the engine", () => {
  const graph = [...importGraph("lib/provisioning/find-workflow-progress")];
  expect(graph).toContain("lib/provisioning/workflow-catalogue");
  expect(graph.filter((module) => /^lib\/aws\/|run-workflow|-steps$/.test(module))).toEqual([]);
});
