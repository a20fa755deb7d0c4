// How a body's shape moved from the check's baseline: breaking (a key gone, a type changed) or additive (a key or a
// type added), and the baseline to keep next. The baseline is everything seen so far, so a body that varies does not
// alert on every run: a nullable value is no type change, an empty list hides nothing, a key that goes missing is
// reported once and then known to be optional, and a type seen before is no change when it comes back. Pure.
import { parentOf, type JsonType, type Shape, type ShapeEntry } from "./fingerprint";

export type ShapeBreak = { path: string; change: "removed"; was: JsonType[] } | { path: string; change: "type"; was: JsonType[]; now: JsonType[] };
export type ShapeAddition = { path: string; change: "added" | "type_added"; now: JsonType[] };

export interface ShapeChange {
  breaking: ShapeBreak[];
  additive: ShapeAddition[];
}

const nonNull = (types: JsonType[]) => types.filter((t) => t !== "null");

/** True when `shape` has the path `path` hangs off, holding the container it needs (so `path`'s absence means something). */
function parentPresent(shape: Shape, path: string): boolean {
  const p = parentOf(path);
  if (!p) return true;
  return shape.paths[p.parent]?.t.includes(p.container) ?? false;
}

/** The change from `baseline` to `current`; null when there is no baseline (a first run) or nothing changed. */
export function diffShape(baseline: Shape | undefined, current: Shape): ShapeChange | null {
  if (!baseline) return null;
  const breaking: ShapeBreak[] = [];
  const additive: ShapeAddition[] = [];
  for (const [path, was] of Object.entries(baseline.paths)) {
    const now = current.paths[path];
    if (!now) {
      // Elements of an empty list or map are unknown, not gone; a truncated body says nothing about what it left out.
      const element = parentOf(path)?.element ?? false;
      if (!was.o && !element && !current.truncated && parentPresent(current, path)) breaking.push({ path, change: "removed", was: was.t });
      continue;
    }
    const before = nonNull(was.t);
    const after = nonNull(now.t);
    const fresh = after.filter((t) => !before.includes(t));
    if (fresh.length === 0) continue;
    // Only null until now (a value that was always empty) taking a type, or a type beside the known ones, adds.
    if (before.length > 0 && after.every((t) => !before.includes(t))) breaking.push({ path, change: "type", was: was.t, now: now.t });
    else additive.push({ path, change: "type_added", now: fresh });
  }
  if (!baseline.truncated) {
    for (const [path, entry] of Object.entries(current.paths)) {
      // Only the top of a new subtree: a new object's keys are part of its addition.
      if (!baseline.paths[path] && parentOf(path) && baseline.paths[parentOf(path)!.parent]) additive.push({ path, change: "added", now: entry.t });
    }
  }
  if (breaking.length === 0 && additive.length === 0) return null;
  return { breaking: breaking.sort(byPath), additive: additive.sort(byPath) };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The baseline after `current`: every path and type seen, a path now missing (where it could have been) marked
 * optional. At most `maxPaths` paths; past that the baseline is truncated and additions are no longer judged.
 */
export function mergeShape(baseline: Shape | undefined, current: Shape, maxPaths = 200): Shape {
  if (!baseline) return current;
  const paths: Record<string, ShapeEntry> = {};
  let truncated = baseline.truncated === true;
  for (const [path, was] of Object.entries(baseline.paths)) {
    const now = current.paths[path];
    const types = now ? [...new Set([...was.t, ...now.t])].sort() : was.t;
    const missing = !now && !current.truncated && parentPresent(current, path);
    const optional = was.o || missing || (now?.o ?? false);
    paths[path] = optional ? { t: types, o: true } : { t: types };
  }
  for (const [path, entry] of Object.entries(current.paths)) {
    if (paths[path]) continue;
    if (Object.keys(paths).length >= maxPaths) {
      truncated = true;
      break;
    }
    paths[path] = entry;
  }
  return truncated ? { paths, truncated: true } : { paths };
}
