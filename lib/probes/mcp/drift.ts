// Tool-list drift between two runs of an MCP check: which tool names appeared and which went away. The MCP probe's
// after-run step compares a run's `details.tools` with the last recorded list and notes a change on the run.
import type { ProbeRunResult } from "../../domain/probe-run";
import type { RunHistory } from "../types";

/**
 * Names added and removed since `previous`, each sorted; null when nothing changed or there is no previous
 * list to compare with (a first run is not drift).
 */
export function toolDrift(previous: string[] | undefined, current: string[]): { added: string[]; removed: string[] } | null {
  if (previous === undefined) return null;
  const before = new Set(previous);
  const now = new Set(current);
  const added = [...now].filter((name) => !before.has(name)).sort();
  const removed = [...before].filter((name) => !now.has(name)).sort();
  return added.length === 0 && removed.length === 0 ? null : { added, removed };
}

/** Notes tool-list drift against the last recorded list on the run's details: recorded, not a failure. */
export async function withToolDrift(result: ProbeRunResult, history: RunHistory): Promise<ProbeRunResult> {
  const tools = result.details?.tools;
  if (!Array.isArray(tools)) return result;
  const drift = toolDrift((await history.lastDetail("tools")) as string[] | undefined, tools as string[]);
  return drift ? { ...result, details: { ...result.details, toolDrift: drift } } : result;
}
