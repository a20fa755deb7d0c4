// Tool-list drift between two runs of an MCP check: which tool names appeared and which went away. Pure; the
// executor compares a run's `details.tools` with the previous run's and decides what to do with a change.

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
