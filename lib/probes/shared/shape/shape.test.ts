import { describe, expect, it } from "vitest";
import type { ProbeRunResult } from "../../../domain/probe-run";
import { diffShape, mergeShape } from "./diff";
import { withShapeDrift } from "./drift";
import { fingerprint, parentOf, SHAPE_LIMITS } from "./fingerprint";

/** The baseline after seeing each body in turn, and the change each one made. */
function replay(...bodies: unknown[]) {
  let baseline = undefined as ReturnType<typeof mergeShape> | undefined;
  const changes = bodies.map((body) => {
    const current = fingerprint(body);
    const change = diffShape(baseline, current);
    baseline = mergeShape(baseline, current);
    return change;
  });
  return { changes, baseline };
}

describe("fingerprint", () => {
  it("keeps keys and types, never values, and summarises arrays by their elements", () => {
    expect(fingerprint({ id: 7, name: "a", tags: ["x", "y"], owner: { email: null }, "odd key": true, items: [] }).paths).toEqual({
      $: { t: ["object"] },
      "$.id": { t: ["number"] },
      "$.name": { t: ["string"] },
      "$.tags": { t: ["array"] },
      "$.tags[]": { t: ["string"] },
      "$.owner": { t: ["object"] },
      "$.owner.email": { t: ["null"] },
      '$["odd key"]': { t: ["boolean"] },
      "$.items": { t: ["array"] },
    });
  });

  it("marks a key some array elements lack as optional and merges element types", () => {
    const shape = fingerprint({ rows: [{ id: 1, note: "x" }, { id: 2 }, 3] });
    expect(shape.paths["$.rows[]"]).toEqual({ t: ["number", "object"] });
    expect(shape.paths["$.rows[].id"]).toEqual({ t: ["number"] });
    expect(shape.paths["$.rows[].note"]).toEqual({ t: ["string"], o: true });
  });

  it("summarises objects keyed by ids, or with too many keys, by their values", () => {
    const byId = fingerprint({ users: { "1001": { name: "a" }, "1002": { name: "b" } } });
    expect(Object.keys(byId.paths)).toEqual(["$", "$.users", "$.users{}", "$.users{}.name"]);
    const wide = fingerprint(Object.fromEntries(Array.from({ length: SHAPE_LIMITS.mapKeys + 1 }, (_, i) => [`k${i}`, i])));
    expect(Object.keys(wide.paths)).toEqual(["$", "${}"]);
  });

  it("is the same whatever order the keys come in, and caps depth and paths", () => {
    expect(fingerprint({ b: 1, a: "x" })).toEqual(fingerprint({ a: "y", b: 2 }));
    const deep = fingerprint({ a: { b: { c: { d: 1 } } } }, { ...SHAPE_LIMITS, maxDepth: 2 });
    expect(deep).toEqual({ paths: { $: { t: ["object"] }, "$.a": { t: ["object"] }, "$.a.b": { t: ["object"] } }, truncated: true });
    const wide = fingerprint({ a: 1, b: 2, c: 3 }, { ...SHAPE_LIMITS, maxPaths: 3 });
    expect(wide).toEqual({ paths: { $: { t: ["object"] }, "$.a": { t: ["number"] }, "$.b": { t: ["number"] } }, truncated: true });
  });

  it("knows each path's parent", () => {
    expect(parentOf("$")).toBeNull();
    expect(parentOf("$.a.b")).toEqual({ parent: "$.a", container: "object", element: false });
    expect(parentOf("$.a[]")).toEqual({ parent: "$.a", container: "array", element: true });
    expect(parentOf('$.a["x.y"]')).toEqual({ parent: "$.a", container: "object", element: false });
    expect(parentOf("$.m{}")).toEqual({ parent: "$.m", container: "object", element: true });
  });
});

describe("diffShape and mergeShape", () => {
  it("is no change on a first run or the same shape with other values", () => {
    expect(replay({ id: 1, tags: ["a"] }, { id: 2, tags: ["b", "c"] }).changes).toEqual([null, null]);
  });

  it("classifies a key gone and a type changed as breaking, a key added as additive (only the top of a new subtree)", () => {
    const { changes } = replay({ id: 1, name: "a", price: 10 }, { id: "1", price: 10, owner: { email: "x", id: 2 } });
    expect(changes[1]).toEqual({
      breaking: [
        { path: "$.id", change: "type", was: ["number"], now: ["string"] },
        { path: "$.name", change: "removed", was: ["string"] },
      ],
      additive: [{ path: "$.owner", change: "added", now: ["object"] }],
    });
  });

  it("does not report a subtree under a removed key, a nullable value, or an emptied list", () => {
    const { changes } = replay({ user: { name: "a", email: "b" }, deletedAt: "2024", items: [{ id: 1 }] }, { deletedAt: null, items: [] });
    expect(changes[1]).toEqual({ breaking: [{ path: "$.user", change: "removed", was: ["object"] }], additive: [] });
  });

  it("reports a key that comes and goes once, then knows it is optional; a type seen before is no change", () => {
    const { changes, baseline } = replay({ a: 1, err: "x" }, { a: 1 }, { a: 1, err: "y" }, { a: 1 }, { a: null }, { a: 2 });
    expect(changes).toEqual([null, { breaking: [{ path: "$.err", change: "removed", was: ["string"] }], additive: [] }, null, null, null, null]);
    expect(baseline?.paths["$.err"]).toEqual({ t: ["string"], o: true });
    expect(replay({ v: 1 }, { v: "1" }, { v: 2 }, { v: "3" }).changes.filter(Boolean)).toHaveLength(1);
  });

  it("reads a value that was only null taking a type, or a second element type, as additive", () => {
    expect(replay({ v: null }, { v: "x" }).changes[1]).toEqual({ breaking: [], additive: [{ path: "$.v", change: "type_added", now: ["string"] }] });
    expect(replay({ l: [1] }, { l: [1, "x"] }).changes[1]).toEqual({ breaking: [], additive: [{ path: "$.l[]", change: "type_added", now: ["string"] }] });
  });

  it("judges no absences in a truncated body and no additions past a truncated baseline", () => {
    const small = { ...SHAPE_LIMITS, maxPaths: 2 };
    expect(diffShape(fingerprint({ a: 1, b: 2 }), fingerprint({ b: 2, c: 3 }, small))).toBeNull();
    const truncated = fingerprint({ a: 1, b: 2 }, small);
    expect(diffShape(truncated, fingerprint({ a: 1, z: 2 }))).toBeNull();
    expect(mergeShape(fingerprint({ a: 1 }), fingerprint({ a: 1, b: 2, c: 3 }), 3)).toEqual({
      paths: { $: { t: ["object"] }, "$.a": { t: ["number"] }, "$.b": { t: ["number"] } },
      truncated: true,
    });
  });
});

describe("withShapeDrift (the after-run step)", () => {
  const run = (body: unknown): ProbeRunResult =>
    ({
      ok: true,
      details: { shape: fingerprint(body), status: 200 },
      trace: { attempts: [{ attempt: 1, details: { shape: fingerprint(body), status: 200 } }] },
    }) as unknown as ProbeRunResult;
  const history = (shape: unknown) => ({ lastDetail: async (key: string) => (key === "shape" ? shape : undefined) });

  it("records the change and the merged baseline on the run, and keeps the shape off the trace", async () => {
    const result = await withShapeDrift(run({ id: 1, name: "x" }), history(fingerprint({ id: 1, email: "y" })));
    expect(result.details?.shapeChange).toEqual({
      breaking: [{ path: "$.email", change: "removed", was: ["string"] }],
      additive: [{ path: "$.name", change: "added", now: ["string"] }],
    });
    expect(Object.keys((result.details?.shape as { paths: object }).paths)).toEqual(["$", "$.email", "$.id", "$.name"]);
    expect(result.trace.attempts[0]?.details).toEqual({ status: 200 });
  });

  it("records no change on a first run, and leaves a run without a shape alone", async () => {
    const first = await withShapeDrift(run({ id: 1 }), history(undefined));
    expect(first.details).not.toHaveProperty("shapeChange");
    expect(first.details?.shape).toEqual(fingerprint({ id: 1 }));
    const none = { ok: false, details: { status: 500 }, trace: { attempts: [] } } as unknown as ProbeRunResult;
    expect(await withShapeDrift(none, history(fingerprint({})))).toBe(none);
  });
});
