// Compares two JSON Schemas of one tool from a client's side. An input schema is what the client sends: it may only
// get more permissive. An output schema is what the client relies on: it may only promise more. So every keyword
// change is first judged as the set of accepted values getting narrower, wider, or neither (incomparable), then
// turned into an impact by the side it is on. The table (README "Tool versions") is:
//
// | change                                               | input     | output    |
// | ---------------------------------------------------- | --------- | --------- |
// | property removed                                     | breaking  | breaking  |
// | optional property added                              | additive  | additive  |
// | required property added / property newly required   | breaking  | additive  |
// | property no longer required                          | additive  | breaking  |
// | type / enum / const / union (anyOf, oneOf) narrowed  | breaking  | additive  |
// | type / enum / const / union widened                  | additive  | breaking  |
// | upper bound (max*, exclusiveMaximum) lowered / added | breaking  | additive  |
// | upper bound raised / removed                         | additive  | breaking  |
// | lower bound (min*, exclusiveMinimum) raised / added  | breaking  | additive  |
// | lower bound lowered / removed                        | additive  | breaking  |
// | pattern, format, multipleOf added; uniqueItems on    | breaking  | additive  |
// | pattern, format, multipleOf removed; uniqueItems off | additive  | breaking  |
// | additionalProperties closed (false) / opened         | breaking / additive | additive / breaking |
// | any other keyword added, removed or changed          | breaking  | breaking  |
// | a changed pattern, format, multipleOf or type mix    | breaking  | breaking  |
// | title, description, examples, default, $comment, …   | cosmetic  | cosmetic  |
//
// Nested objects, `items`, `prefixItems`, `additionalProperties` schemas and union branches are compared recursively;
// local `$ref`s (`#/$defs/…`, `#/definitions/…`) are followed on each side (a cycle is compared once).
import type { ChangeImpact, ToolChange } from "../types";
import { canonicalJson } from "./fingerprint";

export type Side = "input" | "output";
type Effect = "narrow" | "widen" | "incomparable";
type Schema = Record<string, unknown> | boolean;

const IMPACT: Record<Side, Record<Effect, ChangeImpact>> = {
  input: { narrow: "breaking", widen: "additive", incomparable: "breaking" },
  output: { narrow: "additive", widen: "breaking", incomparable: "breaking" },
};

/** Annotations: they change no value's validity. */
const COSMETIC = new Set(["title", "description", "examples", "default", "$comment", "deprecated", "readOnly", "writeOnly", "$schema", "$id", "$anchor"]);
const UPPER = new Set(["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"]);
const LOWER = new Set(["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"]);
/** Constraints whose presence narrows and whose absence widens; a changed value is incomparable. */
const CONSTRAINTS = new Set(["pattern", "format", "multipleOf"]);
/** Compared through what they mean, not as keywords of their own. */
const STRUCTURAL = new Set([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "anyOf",
  "oneOf",
  "$ref",
  "$defs",
  "definitions",
  "uniqueItems",
]);

interface Context {
  tool: string;
  side: Side;
  rootBefore: Schema;
  rootAfter: Schema;
  /** Pairs of $ref targets already compared, so a recursive schema ends. */
  seen: Set<string>;
  out: ToolChange[];
}

interface Where {
  /** JSON pointer into the tool definition. */
  pointer: string;
  /** Dotted property path for people ("filter.kind", "tags[]"); "" for the schema itself. */
  path: string;
}

const escape = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const show = (v: unknown) => (typeof v === "string" ? v : canonicalJson(v));

/** "input property filter.kind" or "input schema" at the root. */
function subject(ctx: Context, where: Where): string {
  return where.path ? `${ctx.side} property ${where.path}` : `${ctx.side} schema`;
}

function add(ctx: Context, impact: ChangeImpact, what: string, pointer: string): void {
  ctx.out.push({ impact, tool: ctx.tool, what, pointer });
}

function effect(ctx: Context, e: Effect, what: string, pointer: string): void {
  add(ctx, IMPACT[ctx.side][e], what, pointer);
}

/** Compares two schemas of one tool; the root pointer is "/inputSchema" or "/outputSchema". */
export function compareSchemas(tool: string, side: Side, before: Schema, after: Schema, out: ToolChange[]): void {
  const ctx: Context = { tool, side, rootBefore: before, rootAfter: after, seen: new Set(), out };
  compare(ctx, before, after, { pointer: side === "input" ? "/inputSchema" : "/outputSchema", path: "" });
}

/** Follows a local $ref against its side's root; siblings of the $ref are kept beside the target's keywords. */
function resolve(root: Schema, schema: Record<string, unknown>): Record<string, unknown> | boolean | null {
  const ref = schema.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#")) return null;
  let target: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(target)) return null;
    target = target[part];
  }
  if (typeof target === "boolean") return target;
  if (!isObject(target)) return null;
  const { $ref: _ref, ...siblings } = schema;
  return { ...target, ...siblings };
}

function compare(ctx: Context, before: Schema, after: Schema, where: Where): void {
  // Equal text is equal meaning unless it refers elsewhere in the root, which may have changed.
  const text = canonicalJson(before);
  if (text === canonicalJson(after) && !text.includes('"$ref":"#')) return;
  // A boolean schema: true accepts everything, false nothing.
  if (typeof before === "boolean" || typeof after === "boolean") {
    const b = before === true ? {} : before;
    const a = after === true ? {} : after;
    if (b === false || a === false) {
      effect(
        ctx,
        b === false ? "widen" : "narrow",
        `${subject(ctx, where)} ${b === false ? "now accepts values" : "no longer accepts any value"}`,
        where.pointer,
      );
      return;
    }
    return compare(ctx, b, a, where);
  }
  if (typeof before.$ref === "string" || typeof after.$ref === "string") {
    const b = typeof before.$ref === "string" ? resolve(ctx.rootBefore, before) : before;
    const a = typeof after.$ref === "string" ? resolve(ctx.rootAfter, after) : after;
    if (b === null || a === null) {
      // A remote reference cannot be followed here: a different one may mean anything.
      if (before.$ref !== after.$ref)
        effect(ctx, "incomparable", `${subject(ctx, where)}: reference changed (${show(before.$ref)} → ${show(after.$ref)})`, where.pointer);
      return;
    }
    const key = `${String(before.$ref)}|${String(after.$ref)}`;
    if (ctx.seen.has(key)) return;
    ctx.seen.add(key);
    return compare(ctx, b, a, where);
  }

  compareType(ctx, before, after, where);
  compareEnum(ctx, before, after, where);
  compareObject(ctx, before, after, where);
  compareArray(ctx, before, after, where);
  compareUnion(ctx, before, after, where, "anyOf");
  compareUnion(ctx, before, after, where, "oneOf");

  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (STRUCTURAL.has(k) || same(before[k], after[k])) continue;
    const b = before[k];
    const a = after[k];
    const pointer = `${where.pointer}/${escape(k)}`;
    const label = `${k} of ${subject(ctx, where)}`;
    if (COSMETIC.has(k)) {
      add(ctx, "cosmetic", `${label} ${b === undefined ? "added" : a === undefined ? "removed" : "changed"}`, pointer);
    } else if ((UPPER.has(k) || LOWER.has(k)) && (b === undefined || typeof b === "number") && (a === undefined || typeof a === "number")) {
      const upper = UPPER.has(k);
      if (b === undefined) effect(ctx, "narrow", `${label} added (${show(a)})`, pointer);
      else if (a === undefined) effect(ctx, "widen", `${label} removed (was ${show(b)})`, pointer);
      else {
        const lowered = (a as number) < (b as number);
        effect(ctx, lowered === upper ? "narrow" : "widen", `${label} ${lowered ? "lowered" : "raised"} (${show(b)} → ${show(a)})`, pointer);
      }
    } else if (CONSTRAINTS.has(k)) {
      if (b === undefined) effect(ctx, "narrow", `${label} added (${show(a)})`, pointer);
      else if (a === undefined) effect(ctx, "widen", `${label} removed (was ${show(b)})`, pointer);
      else effect(ctx, "incomparable", `${label} changed (${show(b)} → ${show(a)})`, pointer);
    } else {
      effect(ctx, "incomparable", `keyword ${k} of ${subject(ctx, where)} ${b === undefined ? "added" : a === undefined ? "removed" : "changed"}`, pointer);
    }
  }
  if (Boolean(before.uniqueItems) !== Boolean(after.uniqueItems)) {
    const on = Boolean(after.uniqueItems);
    effect(
      ctx,
      on ? "narrow" : "widen",
      `${subject(ctx, where)} ${on ? "now needs unique items" : "no longer needs unique items"}`,
      `${where.pointer}/uniqueItems`,
    );
  }
}

/** The JSON types a schema allows; null for any type. "integer" is a subset of "number". */
function typesOf(schema: Record<string, unknown>): Set<string> | null {
  const t = schema.type;
  if (typeof t === "string") return new Set([t]);
  if (Array.isArray(t)) return new Set(t.filter((x): x is string => typeof x === "string"));
  return null;
}

function typesWithin(inner: Set<string>, outer: Set<string>): boolean {
  return [...inner].every((t) => outer.has(t) || (t === "integer" && outer.has("number")));
}

const typeText = (t: Set<string> | null) => (t === null ? "any" : [...t].sort().join(" | "));

function compareType(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>, where: Where): void {
  const b = typesOf(before);
  const a = typesOf(after);
  if (b === null && a === null) return;
  const narrower = b === null || (a !== null && typesWithin(a, b));
  const wider = a === null || (b !== null && typesWithin(b, a));
  if (narrower && wider) return;
  const e: Effect = narrower ? "narrow" : wider ? "widen" : "incomparable";
  const verb = e === "narrow" ? "narrowed" : e === "widen" ? "widened" : "changed";
  effect(ctx, e, `type of ${subject(ctx, where)} ${verb} (${typeText(b)} → ${typeText(a)})`, `${where.pointer}/type`);
}

/** The allowed values from `enum` or `const`, as canonical JSON; null when any value is allowed. */
function valuesOf(schema: Record<string, unknown>): Map<string, unknown> | null {
  const list = "const" in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : null;
  return list === null ? null : new Map(list.map((v) => [canonicalJson(v), v]));
}

function compareEnum(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>, where: Where): void {
  const b = valuesOf(before);
  const a = valuesOf(after);
  if (b === null && a === null) return;
  const pointer = `${where.pointer}/${"enum" in after || "enum" in before ? "enum" : "const"}`;
  const label = `enum of ${subject(ctx, where)}`;
  if (b === null) return effect(ctx, "narrow", `${label} added (${[...a!.values()].map(show).join(", ")})`, pointer);
  if (a === null) return effect(ctx, "widen", `${label} removed (was ${[...b.values()].map(show).join(", ")})`, pointer);
  const removed = [...b.keys()].filter((k) => !a.has(k)).map((k) => show(b.get(k)));
  const added = [...a.keys()].filter((k) => !b.has(k)).map((k) => show(a.get(k)));
  if (removed.length === 0 && added.length === 0) return;
  if (added.length === 0) return effect(ctx, "narrow", `${label} narrowed (removed: ${removed.join(", ")})`, pointer);
  if (removed.length === 0) return effect(ctx, "widen", `${label} widened (added: ${added.join(", ")})`, pointer);
  effect(ctx, "incomparable", `${label} changed (removed: ${removed.join(", ")}; added: ${added.join(", ")})`, pointer);
}

const child = (where: Where, name: string): Where => ({
  pointer: `${where.pointer}/properties/${escape(name)}`,
  path: where.path ? `${where.path}.${name}` : name,
});

function requiredOf(schema: Record<string, unknown>): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((x): x is string => typeof x === "string") : []);
}

function compareObject(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>, where: Where): void {
  const bp = isObject(before.properties) ? before.properties : {};
  const ap = isObject(after.properties) ? after.properties : {};
  const br = requiredOf(before);
  const ar = requiredOf(after);
  const input = ctx.side === "input";
  for (const name of Object.keys(bp)) {
    const w = child(where, name);
    if (!(name in ap)) add(ctx, "breaking", `${ctx.side} property ${w.path} removed`, w.pointer);
    else compare(ctx, bp[name] as Schema, ap[name] as Schema, w);
  }
  for (const name of Object.keys(ap)) {
    if (name in bp) continue;
    const w = child(where, name);
    if (ar.has(name)) add(ctx, input ? "breaking" : "additive", `required ${ctx.side} property ${w.path} added`, w.pointer);
    else add(ctx, "additive", `optional ${ctx.side} property ${w.path} added`, w.pointer);
  }
  for (const name of ar) {
    if (br.has(name) || (name in ap && !(name in bp))) continue;
    const w = child(where, name);
    add(ctx, input ? "breaking" : "additive", `${ctx.side} property ${w.path} newly required`, `${where.pointer}/required`);
  }
  for (const name of br) {
    if (ar.has(name) || (name in bp && !(name in ap))) continue;
    const w = child(where, name);
    add(ctx, input ? "additive" : "breaking", `${ctx.side} property ${w.path} no longer required`, `${where.pointer}/required`);
  }
  compareAdditional(ctx, before.additionalProperties, after.additionalProperties, where);
}

/** additionalProperties: absent or true accepts any extra member, false none, a schema those it accepts. */
function compareAdditional(ctx: Context, before: unknown, after: unknown, where: Where): void {
  if (same(before, after)) return;
  const pointer = `${where.pointer}/additionalProperties`;
  const b = before === undefined ? true : (before as Schema);
  const a = after === undefined ? true : (after as Schema);
  if (same(b, a)) return;
  const label = `${subject(ctx, where)}`;
  if (a === false) return effect(ctx, "narrow", `${label} no longer allows other properties`, pointer);
  if (b === false) return effect(ctx, "widen", `${label} now allows other properties`, pointer);
  if (a === true) return effect(ctx, "widen", `${label} allows any other properties`, pointer);
  if (b === true) return effect(ctx, "narrow", `${label} constrains other properties`, pointer);
  compare(ctx, b, a, { pointer, path: where.path ? `${where.path}.*` : "*" });
}

function compareArray(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>, where: Where): void {
  const items = (s: Record<string, unknown>): Schema | undefined => (isObject(s.items) || typeof s.items === "boolean" ? s.items : undefined);
  const bi = items(before);
  const ai = items(after);
  const w: Where = { pointer: `${where.pointer}/items`, path: `${where.path}[]` };
  if (bi !== undefined || ai !== undefined) {
    if (bi === undefined) effect(ctx, "narrow", `items of ${subject(ctx, where)} constrained`, w.pointer);
    else if (ai === undefined) effect(ctx, "widen", `items of ${subject(ctx, where)} no longer constrained`, w.pointer);
    else compare(ctx, bi, ai, w);
  } else if (!same(before.items, after.items)) {
    effect(ctx, "incomparable", `items of ${subject(ctx, where)} changed`, w.pointer);
  }
  const bt = Array.isArray(before.prefixItems) ? (before.prefixItems as Schema[]) : [];
  const at = Array.isArray(after.prefixItems) ? (after.prefixItems as Schema[]) : [];
  for (let i = 0; i < Math.max(bt.length, at.length); i++) {
    const pw: Where = { pointer: `${where.pointer}/prefixItems/${i}`, path: `${where.path}[${i}]` };
    if (bt[i] === undefined) effect(ctx, "narrow", `${subject(ctx, pw)} added to the tuple`, pw.pointer);
    else if (at[i] === undefined) effect(ctx, "widen", `${subject(ctx, pw)} removed from the tuple`, pw.pointer);
    else compare(ctx, bt[i]!, at[i]!, pw);
  }
}

/**
 * anyOf / oneOf: branches matched by content first; one leftover branch on each side is compared as a changed
 * branch, branches only removed narrow the union, only added widen it, and any other mix is incomparable.
 */
function compareUnion(ctx: Context, before: Record<string, unknown>, after: Record<string, unknown>, where: Where, k: "anyOf" | "oneOf"): void {
  const b = Array.isArray(before[k]) ? (before[k] as Schema[]) : null;
  const a = Array.isArray(after[k]) ? (after[k] as Schema[]) : null;
  if (b === null && a === null) return;
  const pointer = `${where.pointer}/${k}`;
  const label = `${k} of ${subject(ctx, where)}`;
  if (b === null) return effect(ctx, "narrow", `${label} added`, pointer);
  if (a === null) return effect(ctx, "widen", `${label} removed`, pointer);
  const left = b.map((s, i) => ({ s, i, key: canonicalJson(s) }));
  const right = a.map((s, i) => ({ s, i, key: canonicalJson(s) }));
  const restB = left.filter((x) => !right.some((y) => y.key === x.key));
  const restA = right.filter((y) => !left.some((x) => x.key === y.key));
  if (restB.length === 0 && restA.length === 0) return;
  if (restB.length === restA.length) {
    restB.forEach((x, n) => compare(ctx, x.s, restA[n]!.s, { pointer: `${pointer}/${restA[n]!.i}`, path: where.path }));
    return;
  }
  if (restA.length === 0) return effect(ctx, "narrow", `${label} narrowed (${restB.length} branch${restB.length === 1 ? "" : "es"} removed)`, pointer);
  if (restB.length === 0) return effect(ctx, "widen", `${label} widened (${restA.length} branch${restA.length === 1 ? "" : "es"} added)`, pointer);
  effect(ctx, "incomparable", `${label} changed (${restB.length} removed, ${restA.length} added)`, pointer);
}
