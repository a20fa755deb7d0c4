// Whether a run's tool list is a new version of the server's tools, decided purely: a version is written only when
// the set fingerprint changes; the first list seen is version 1, with no changes. The worker writes what this returns.
import type { ChangeImpact, ToolChange, ToolDefinition } from "../types";
import { classifyToolChanges, countByImpact } from "./classify";
import { setFingerprint } from "./fingerprint";

/** The latest stored version, as far as the decision needs it. */
export interface LastToolVersion {
  seq: number;
  setFingerprint: string;
  tools: ToolDefinition[];
}

export interface NewToolVersion {
  seq: number;
  setFingerprint: string;
  /** Sorted by name, so stored versions diff cleanly. */
  tools: ToolDefinition[];
  changes: ToolChange[];
  counts: Record<ChangeImpact, number>;
}

/** The version to write for a run that listed `tools`, or null when the list is the one already stored. */
export function nextToolVersion(last: LastToolVersion | null, tools: readonly ToolDefinition[]): NewToolVersion | null {
  const fingerprint = setFingerprint(tools);
  if (last && last.setFingerprint === fingerprint) return null;
  const sorted = [...tools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const changes = last ? classifyToolChanges(last.tools, sorted) : [];
  return { seq: (last?.seq ?? 0) + 1, setFingerprint: fingerprint, tools: sorted, changes, counts: countByImpact(changes) };
}
