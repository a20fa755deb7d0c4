// The dependency direction, read from the import graph of lib/, app/ and components/ with the TypeScript
// compiler's own import scanner: no import cycle (type-only imports count), lib/domain imports nothing else from
// lib/, and lib/db imports no feature folder. Every import that resolves to a file of the tree is an edge; tests
// count for cycles but not for the direction rules.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const SCANNED = ["lib", "app", "components"];
const SKIPPED = new Set(["node_modules", "generated", ".next"]);
const EXTENSIONS = [".ts", ".tsx"];

const FEATURE_FOLDERS = ["lib/probes/", "lib/alerts/", "lib/webhooks/", "lib/integrations/"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    if (SKIPPED.has(name)) return [];
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return EXTENSIONS.some((e) => name.endsWith(e)) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** The file an import names, relative to the root; null for a package or anything outside the tree. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  else return null;
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  return candidates.find((c) => EXTENSIONS.some((e) => c.endsWith(e)) && existsSync(path.join(ROOT, c))) ?? null;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of SCANNED.flatMap(sourceFiles)) {
    // preProcessFile lists every import, export ... from, import() and require(), type-only ones included.
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const targets = importedFiles.map((f) => resolve(file, f.fileName)).filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const graph = importGraph();
const edges = [...graph].flatMap(([from, tos]) => tos.map((to) => ({ from, to, name: `${from} -> ${to}` })));
/** The direction rules are about the product's code; a test may reach for a harness or an error shape anywhere. */
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const codeEdges = edges.filter((e) => !isTest(e.from));

describe("dependency direction", () => {
  it("reads a real graph", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get("lib/api/handler.ts")).toContain("lib/api/errors.ts");
  });

  it("finds cycles in a made-up graph", () => {
    const made = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["d"]],
      ["e", ["a"]],
    ]);
    expect(cycles(made)).toEqual([["a", "b", "c"], ["d"]]);
  });

  it("has no import cycle, type-only imports included", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("lib/domain imports nothing else from lib/", () => {
    const wrong = codeEdges.filter((e) => e.from.startsWith("lib/domain/") && e.to.startsWith("lib/") && !e.to.startsWith("lib/domain/"));
    expect(wrong.map((e) => e.name)).toEqual([]);
  });

  it("lib/db imports no feature folder", () => {
    const wrong = codeEdges.filter((e) => e.from.startsWith("lib/db/") && FEATURE_FOLDERS.some((f) => e.to.startsWith(f)));
    expect(wrong.map((e) => e.name)).toEqual([]);
  });

  it("reads and writes the probe rollups only in lib/db, beside their writer", () => {
    const rollupTable = /ProbeRollup(Minute|Hour)|ProbeDaySummary|probeRollup(Minute|Hour)|probeDaySummary/;
    const naming = [...graph.keys()].filter((f) => !isTest(f) && rollupTable.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(naming.filter((f) => !f.startsWith("lib/db/"))).toEqual([]);
  });
});
