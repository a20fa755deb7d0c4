// A line diff of the definitions of the tools that changed between two versions, for people to read: each tool's
// definition as canonical, indented JSON (keys sorted, so only real changes show), compared with jsdiff (`diff`)
// and cut into hunks with a few lines of context. Pure.
import { structuredPatch } from "diff";
import type { ToolDefinition } from "../types";
import { canonicalJson, toolFingerprint } from "./fingerprint";

export type DiffLineKind = "add" | "remove" | "context";

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** Line numbers in the old and the new text; null on the side the line is not on. */
  oldLine: number | null;
  newLine: number | null;
}

export interface ToolDefinitionDiff {
  tool: string;
  status: "added" | "removed" | "changed";
  hunks: DiffLine[][];
}

const CONTEXT_LINES = 3;

/** The definition as people read it: keys sorted at every depth, two-space indented. */
export function prettyDefinition(tool: ToolDefinition | undefined): string {
  return tool === undefined ? "" : `${JSON.stringify(JSON.parse(canonicalJson(tool)), null, 2)}\n`;
}

/** Hunks of the line diff between two texts. */
export function lineDiff(before: string, after: string): DiffLine[][] {
  const patch = structuredPatch("before", "after", before, after, undefined, undefined, { context: CONTEXT_LINES });
  return patch.hunks.map((h) => {
    let oldLine = h.oldStart;
    let newLine = h.newStart;
    const lines: DiffLine[] = [];
    for (const raw of h.lines) {
      const mark = raw[0];
      const text = raw.slice(1);
      if (mark === "+") lines.push({ kind: "add", text, oldLine: null, newLine: newLine++ });
      else if (mark === "-") lines.push({ kind: "remove", text, oldLine: oldLine++, newLine: null });
      else if (mark === " ") lines.push({ kind: "context", text, oldLine: oldLine++, newLine: newLine++ });
      // "\ No newline at end of file" carries no line of its own.
    }
    return lines;
  });
}

/** One diff per tool added, removed or changed, by tool name; unchanged tools are left out. */
export function toolDefinitionDiffs(before: readonly ToolDefinition[], after: readonly ToolDefinition[]): ToolDefinitionDiff[] {
  const old = new Map(before.map((t) => [t.name, t]));
  const now = new Map(after.map((t) => [t.name, t]));
  const names = [...new Set([...old.keys(), ...now.keys()])].sort();
  return names.flatMap((tool): ToolDefinitionDiff[] => {
    const b = old.get(tool);
    const a = now.get(tool);
    if (b && a && toolFingerprint(b) === toolFingerprint(a)) return [];
    const status = !b ? "added" : !a ? "removed" : "changed";
    return [{ tool, status, hunks: lineDiff(prettyDefinition(b), prettyDefinition(a)) }];
  });
}
