// Classifies what changed between two tool lists of one MCP server, from the side of a client built against the
// older list: breaking (it may now fail), additive (it can do more), cosmetic (texts and hints only). Pure.
import type { ChangeImpact, ToolChange, ToolDefinition } from "../types";
import { canonicalJson, toolFingerprint } from "./fingerprint";
import { compareSchemas } from "./schema-diff";

const ORDER: Record<ChangeImpact, number> = { breaking: 0, additive: 1, cosmetic: 2 };

/** Every change from `before` to `after`, breaking first, then by tool name; [] when the lists are the same. */
export function classifyToolChanges(before: readonly ToolDefinition[], after: readonly ToolDefinition[]): ToolChange[] {
  const old = new Map(before.map((t) => [t.name, t]));
  const now = new Map(after.map((t) => [t.name, t]));
  const out: ToolChange[] = [];
  for (const [name] of old) if (!now.has(name)) out.push({ impact: "breaking", tool: name, what: "tool removed" });
  for (const [name, t] of now) {
    const was = old.get(name);
    if (!was) out.push({ impact: "additive", tool: name, what: "tool added" });
    else out.push(...compareTool(was, t));
  }
  return out.sort((a, b) => ORDER[a.impact] - ORDER[b.impact] || a.tool.localeCompare(b.tool));
}

/** The changes to one tool kept under the same name. */
export function compareTool(before: ToolDefinition, after: ToolDefinition): ToolChange[] {
  if (toolFingerprint(before) === toolFingerprint(after)) return [];
  const tool = after.name;
  const out: ToolChange[] = [];
  for (const k of ["title", "description"] as const) {
    if (before[k] === after[k]) continue;
    const what = before[k] === undefined ? "added" : after[k] === undefined ? "removed" : "changed";
    out.push({ impact: "cosmetic", tool, what: `${k} ${what}`, pointer: `/${k}` });
  }
  const ba = before.annotations ?? {};
  const aa = after.annotations ?? {};
  for (const k of new Set([...Object.keys(ba), ...Object.keys(aa)])) {
    if (canonicalJson(ba[k]) === canonicalJson(aa[k])) continue;
    out.push({ impact: "cosmetic", tool, what: `annotation ${k} ${show(ba[k])} → ${show(aa[k])}`, pointer: `/annotations/${k}` });
  }
  compareSchemas(tool, "input", before.inputSchema ?? {}, after.inputSchema ?? {}, out);
  if (before.outputSchema && !after.outputSchema)
    out.push({ impact: "breaking", tool, what: "output schema removed (structured output no longer promised)", pointer: "/outputSchema" });
  else if (!before.outputSchema && after.outputSchema) out.push({ impact: "additive", tool, what: "output schema added", pointer: "/outputSchema" });
  else if (before.outputSchema && after.outputSchema) compareSchemas(tool, "output", before.outputSchema, after.outputSchema, out);
  // Members this classifier does not know (e.g. _meta, icons): a different definition must never read as no change.
  if (out.length === 0) out.push({ impact: "cosmetic", tool, what: "definition changed (no field a client depends on)" });
  return out;
}

const show = (v: unknown) => (v === undefined ? "unset" : canonicalJson(v));

/** How many changes of each impact. */
export function countByImpact(changes: readonly ToolChange[]): Record<ChangeImpact, number> {
  const counts: Record<ChangeImpact, number> = { breaking: 0, additive: 0, cosmetic: 0 };
  for (const c of changes) counts[c.impact] += 1;
  return counts;
}
