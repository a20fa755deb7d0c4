// The shape of a JSON body: every path it holds and the JSON types seen there, never a value. Arrays are summarised
// by their elements (`$.items[]`), objects keyed by ids (`{"u_81…": {…}}`, or more than MAP_KEYS keys) by their values
// (`$.users{}`), so a list growing or a new user does not change the shape. Depth and path count are capped. Pure.

export type JsonType = "string" | "number" | "boolean" | "null" | "object" | "array";

export interface ShapeEntry {
  /** The JSON types seen at this path, sorted. */
  t: JsonType[];
  /** Absent in some samples (array elements without the key, or a key that went missing once): its absence is no change. */
  o?: true;
}

export interface Shape {
  paths: Record<string, ShapeEntry>;
  /** The body was deeper or wider than the caps: only what fits is known, so absences are not judged. */
  truncated?: true;
}

export const SHAPE_LIMITS = { maxDepth: 8, maxPaths: 200, arraySample: 20, mapKeys: 40 };
export type ShapeLimits = typeof SHAPE_LIMITS;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const ID_LIKE = /^(?:\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{16,}|[A-Za-z]{1,5}_[A-Za-z0-9]{8,})$/i;

export const typeOf = (value: unknown): JsonType =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value === "object" ? "object" : (typeof value as "string" | "number" | "boolean");

export const childPath = (path: string, key: string) => (IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`);

/** An object whose keys are data (ids, or too many to be a schema's fields), summarised by its values. */
function isMap(obj: Record<string, unknown>, limits: ShapeLimits): boolean {
  const keys = Object.keys(obj);
  return keys.length > limits.mapKeys || (keys.length >= 2 && keys.every((k) => ID_LIKE.test(k)));
}

/** The shape of one JSON value (as `JSON.parse` returns it). */
export function fingerprint(value: unknown, limits: ShapeLimits = SHAPE_LIMITS): Shape {
  const paths: Record<string, ShapeEntry> = {};
  let truncated = false;
  const note = (path: string, type: JsonType): boolean => {
    const entry = paths[path];
    if (entry) {
      if (!entry.t.includes(type)) entry.t = [...entry.t, type].sort();
      return true;
    }
    if (Object.keys(paths).length >= limits.maxPaths) {
      truncated = true;
      return false;
    }
    paths[path] = { t: [type] };
    return true;
  };
  // Elements of one array (or values of one map): a key some of them lack is optional.
  const walkAll = (items: unknown[], path: string, depth: number) => {
    const seen = new Map<string, number>();
    const objects = items.filter((item) => typeOf(item) === "object") as Record<string, unknown>[];
    for (const item of items) walk(item, path, depth, seen);
    for (const [key, count] of seen) if (count < objects.length && paths[key]) paths[key].o = true;
  };
  function walk(value: unknown, path: string, depth: number, siblings?: Map<string, number>) {
    const type = typeOf(value);
    if (!note(path, type)) return;
    if (type !== "object" && type !== "array") return;
    if (depth >= limits.maxDepth) {
      truncated = true;
      return;
    }
    if (type === "array") {
      const items = (value as unknown[]).slice(0, limits.arraySample);
      if (items.length > 0) walkAll(items, `${path}[]`, depth + 1);
      return;
    }
    const obj = value as Record<string, unknown>;
    if (isMap(obj, limits)) {
      const values = Object.values(obj).slice(0, limits.arraySample);
      if (values.length > 0) walkAll(values, `${path}{}`, depth + 1);
      return;
    }
    // Sorted, so a cap keeps the same paths whatever order the server writes keys in.
    for (const key of Object.keys(obj).sort()) {
      const child = childPath(path, key);
      siblings?.set(child, (siblings.get(child) ?? 0) + 1);
      walk(obj[key], child, depth + 1);
    }
  }
  walk(value, "$", 0);
  return truncated ? { paths, truncated: true } : { paths };
}

/** The path a path hangs off and the container type it needs there; null for the root. */
export function parentOf(path: string): { parent: string; container: "object" | "array"; element: boolean } | null {
  if (path === "$") return null;
  if (path.endsWith("[]")) return { parent: path.slice(0, -2), container: "array", element: true };
  if (path.endsWith("{}")) return { parent: path.slice(0, -2), container: "object", element: true };
  if (path.endsWith("]")) {
    const at = path.lastIndexOf('["');
    return { parent: path.slice(0, at), container: "object", element: false };
  }
  const at = path.lastIndexOf(".");
  return { parent: path.slice(0, at), container: "object", element: false };
}

/** The shape of a body that is JSON; undefined for any other body. */
export function bodyShape(text: string, limits: ShapeLimits = SHAPE_LIMITS): Shape | undefined {
  try {
    return fingerprint(JSON.parse(text), limits);
  } catch {
    return undefined;
  }
}
