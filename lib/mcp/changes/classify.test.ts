import { describe, expect, it } from "vitest";
import type { ChangeImpact, ToolDefinition } from "../types";
import { classifyToolChanges, countByImpact } from "./classify";

const tool = (inputSchema: Record<string, unknown>, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({ name: "search", inputSchema, ...extra });
const obj = (properties: Record<string, unknown>, required: string[] = [], rest: Record<string, unknown> = {}) => ({
  type: "object",
  properties,
  ...(required.length ? { required } : {}),
  ...rest,
});
/** The one change between two input schemas of the tool "search". */
function inputChange(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes = classifyToolChanges([tool(before)], [tool(after)]);
  expect(changes).toHaveLength(1);
  return changes[0]!;
}
function outputChange(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes = classifyToolChanges([tool({ type: "object" }, { outputSchema: before })], [tool({ type: "object" }, { outputSchema: after })]);
  expect(changes).toHaveLength(1);
  return changes[0]!;
}

describe("classifyToolChanges: tools", () => {
  it("a removed tool is breaking and an added one additive", () => {
    const a: ToolDefinition = { name: "a", inputSchema: { type: "object" } };
    const b: ToolDefinition = { name: "b", inputSchema: { type: "object" } };
    expect(classifyToolChanges([a], [b])).toEqual([
      { impact: "breaking", tool: "a", what: "tool removed" },
      { impact: "additive", tool: "b", what: "tool added" },
    ]);
  });

  it("the same tools in another order, with keys in another order, are no change", () => {
    const a: ToolDefinition = { name: "a", inputSchema: { type: "object", properties: { q: { type: "string", maxLength: 3 } }, required: ["q"] } };
    const b: ToolDefinition = { name: "b", inputSchema: { type: "object" }, annotations: { readOnlyHint: true } };
    const a2: ToolDefinition = { inputSchema: { required: ["q"], properties: { q: { maxLength: 3, type: "string" } }, type: "object" }, name: "a" };
    expect(classifyToolChanges([a, b], [b, a2])).toEqual([]);
  });

  it.each([
    ["description", { description: "old" }, { description: "new" }, "description changed"],
    ["description added", {}, { description: "new" }, "description added"],
    ["title removed", { title: "Search" }, {}, "title removed"],
    ["annotations", { annotations: { readOnlyHint: true } }, { annotations: { readOnlyHint: false } }, "annotation readOnlyHint true → false"],
    ["annotation added", {}, { annotations: { destructiveHint: true } }, "annotation destructiveHint unset → true"],
  ])("%s is cosmetic", (_name, before, after, what) => {
    const changes = classifyToolChanges([tool({ type: "object" }, before)], [tool({ type: "object" }, after)]);
    expect(changes).toEqual([expect.objectContaining({ impact: "cosmetic", tool: "search", what })]);
  });

  it("a description inside a schema is cosmetic", () => {
    expect(inputChange(obj({ q: { type: "string", description: "a" } }), obj({ q: { type: "string", description: "b" } }))).toMatchObject({
      impact: "cosmetic",
      what: "description of input property q changed",
      pointer: "/inputSchema/properties/q/description",
    });
  });

  it("orders breaking changes first and counts them", () => {
    const before = [tool(obj({ q: { type: "string" }, mode: { enum: ["a", "b"] } }), { description: "x" })];
    const after = [tool(obj({ mode: { enum: ["a", "b", "c"] } }), { description: "y" })];
    const changes = classifyToolChanges(before, after);
    expect(changes.map((c) => c.impact)).toEqual(["breaking", "additive", "cosmetic"]);
    expect(countByImpact(changes)).toEqual({ breaking: 1, additive: 1, cosmetic: 1 });
  });
});

describe("classifyToolChanges: input schemas (inputs may only get more permissive)", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, "breaking" | "additive", string, string?]>([
    ["property removed", obj({ q: { type: "string" }, n: {} }), obj({ n: {} }), "breaking", "input property q removed", "/inputSchema/properties/q"],
    ["optional property added", obj({}), obj({ q: { type: "string" } }), "additive", "optional input property q added"],
    ["required property added", obj({}), obj({ q: { type: "string" } }, ["q"]), "breaking", "required input property q added"],
    ["property newly required", obj({ q: {} }), obj({ q: {} }, ["q"]), "breaking", "input property q newly required", "/inputSchema/required"],
    ["property no longer required", obj({ q: {} }, ["q"]), obj({ q: {} }), "additive", "input property q no longer required"],
    ["type changed", obj({ q: { type: "string" } }), obj({ q: { type: "number" } }), "breaking", "type of input property q changed (string → number)"],
    [
      "union type narrowed",
      obj({ q: { type: ["string", "null"] } }),
      obj({ q: { type: "string" } }),
      "breaking",
      "type of input property q narrowed (null | string → string)",
    ],
    [
      "union type widened",
      obj({ q: { type: "string" } }),
      obj({ q: { type: ["string", "null"] } }),
      "additive",
      "type of input property q widened (string → null | string)",
    ],
    [
      "number narrowed to integer",
      obj({ n: { type: "number" } }),
      obj({ n: { type: "integer" } }),
      "breaking",
      "type of input property n narrowed (number → integer)",
    ],
    [
      "integer widened to number",
      obj({ n: { type: "integer" } }),
      obj({ n: { type: "number" } }),
      "additive",
      "type of input property n widened (integer → number)",
    ],
    ["type added", obj({ q: {} }), obj({ q: { type: "string" } }), "breaking", "type of input property q narrowed (any → string)"],
    ["type removed", obj({ q: { type: "string" } }), obj({ q: {} }), "additive", "type of input property q widened (string → any)"],
    [
      "enum narrowed",
      obj({ mode: { enum: ["fast", "slow"] } }),
      obj({ mode: { enum: ["slow"] } }),
      "breaking",
      "enum of input property mode narrowed (removed: fast)",
    ],
    [
      "enum widened",
      obj({ mode: { enum: ["slow"] } }),
      obj({ mode: { enum: ["slow", "fast"] } }),
      "additive",
      "enum of input property mode widened (added: fast)",
    ],
    ["enum changed", obj({ mode: { enum: ["a"] } }), obj({ mode: { enum: ["b"] } }), "breaking", "enum of input property mode changed (removed: a; added: b)"],
    ["enum added", obj({ mode: { type: "string" } }), obj({ mode: { type: "string", enum: ["a"] } }), "breaking", "enum of input property mode added (a)"],
    [
      "enum removed",
      obj({ mode: { type: "string", enum: ["a"] } }),
      obj({ mode: { type: "string" } }),
      "additive",
      "enum of input property mode removed (was a)",
    ],
    ["const widened to enum", obj({ v: { const: 1 } }), obj({ v: { enum: [1, 2] } }), "additive", "enum of input property v widened (added: 2)"],
    ["maxLength lowered", obj({ q: { maxLength: 10 } }), obj({ q: { maxLength: 5 } }), "breaking", "maxLength of input property q lowered (10 → 5)"],
    ["maxLength raised", obj({ q: { maxLength: 5 } }), obj({ q: { maxLength: 10 } }), "additive", "maxLength of input property q raised (5 → 10)"],
    ["maximum added", obj({ n: {} }), obj({ n: { maximum: 3 } }), "breaking", "maximum of input property n added (3)"],
    ["maximum removed", obj({ n: { maximum: 3 } }), obj({ n: {} }), "additive", "maximum of input property n removed (was 3)"],
    ["minimum raised", obj({ n: { minimum: 1 } }), obj({ n: { minimum: 2 } }), "breaking", "minimum of input property n raised (1 → 2)"],
    ["minimum lowered", obj({ n: { minimum: 2 } }), obj({ n: { minimum: 1 } }), "additive", "minimum of input property n lowered (2 → 1)"],
    ["minItems added", obj({ l: {} }), obj({ l: { minItems: 1 } }), "breaking", "minItems of input property l added (1)"],
    ["pattern added", obj({ q: {} }), obj({ q: { pattern: "^a" } }), "breaking", "pattern of input property q added (^a)"],
    ["pattern removed", obj({ q: { pattern: "^a" } }), obj({ q: {} }), "additive", "pattern of input property q removed (was ^a)"],
    ["pattern changed", obj({ q: { pattern: "^a" } }), obj({ q: { pattern: "^b" } }), "breaking", "pattern of input property q changed (^a → ^b)"],
    ["format added", obj({ q: {} }), obj({ q: { format: "email" } }), "breaking", "format of input property q added (email)"],
    ["uniqueItems on", obj({ l: {} }), obj({ l: { uniqueItems: true } }), "breaking", "input property l now needs unique items"],
    ["uniqueItems off", obj({ l: { uniqueItems: true } }), obj({ l: {} }), "additive", "input property l no longer needs unique items"],
    ["closed to other properties", obj({}), obj({}, [], { additionalProperties: false }), "breaking", "input schema no longer allows other properties"],
    ["opened to other properties", obj({}, [], { additionalProperties: false }), obj({}), "additive", "input schema now allows other properties"],
    ["unknown keyword added", obj({ q: {} }), obj({ q: { not: { const: 1 } } }), "breaking", "keyword not of input property q added"],
    ["unknown keyword removed", obj({ q: { not: { const: 1 } } }), obj({ q: {} }), "breaking", "keyword not of input property q removed"],
    [
      "anyOf narrowed",
      obj({ v: { anyOf: [{ type: "string" }, { type: "number" }] } }),
      obj({ v: { anyOf: [{ type: "string" }] } }),
      "breaking",
      "anyOf of input property v narrowed (1 branch removed)",
    ],
    [
      "anyOf widened",
      obj({ v: { anyOf: [{ type: "string" }] } }),
      obj({ v: { anyOf: [{ type: "string" }, { type: "number" }] } }),
      "additive",
      "anyOf of input property v widened (1 branch added)",
    ],
    [
      "a branch of oneOf changed",
      obj({ v: { oneOf: [{ type: "string", maxLength: 4 }, { type: "null" }] } }),
      obj({ v: { oneOf: [{ type: "null" }, { type: "string", maxLength: 2 }] } }),
      "breaking",
      "maxLength of input property v lowered (4 → 2)",
      "/inputSchema/properties/v/oneOf/1/maxLength",
    ],
    ["the schema accepts nothing", obj({ q: {} }), obj({ q: false }), "breaking", "input property q no longer accepts any value"],
    ["the schema accepts again", obj({ q: false }), obj({ q: true }), "additive", "input property q now accepts values"],
    ["multipleOf added", obj({ n: {} }), obj({ n: { multipleOf: 5 } }), "breaking", "multipleOf of input property n added (5)"],
    ["multipleOf removed", obj({ n: { multipleOf: 5 } }), obj({ n: {} }), "additive", "multipleOf of input property n removed (was 5)"],
    ["maxItems lowered", obj({ l: { maxItems: 3 } }), obj({ l: { maxItems: 2 } }), "breaking", "maxItems of input property l lowered (3 → 2)"],
    ["minLength lowered", obj({ q: { minLength: 3 } }), obj({ q: { minLength: 1 } }), "additive", "minLength of input property q lowered (3 → 1)"],
    [
      "items constrained",
      obj({ l: { type: "array" } }),
      obj({ l: { type: "array", items: { type: "string" } } }),
      "breaking",
      "items of input property l constrained",
    ],
    [
      "items unconstrained",
      obj({ l: { type: "array", items: { type: "string" } } }),
      obj({ l: { type: "array" } }),
      "additive",
      "items of input property l no longer constrained",
    ],
    [
      "item type widened",
      obj({ l: { items: { type: "string" } } }),
      obj({ l: { items: { type: ["string", "number"] } } }),
      "additive",
      "type of input property l[] widened (string → number | string)",
      "/inputSchema/properties/l/items/type",
    ],
    [
      "tuple member added",
      obj({ p: { prefixItems: [{ type: "number" }] } }),
      obj({ p: { prefixItems: [{ type: "number" }, { type: "number" }] } }),
      "breaking",
      "input property p[1] added to the tuple",
    ],
    [
      "tuple member removed",
      obj({ p: { prefixItems: [{ type: "number" }, { type: "number" }] } }),
      obj({ p: { prefixItems: [{ type: "number" }] } }),
      "additive",
      "input property p[1] removed from the tuple",
    ],
    [
      "other properties constrained",
      obj({}),
      obj({}, [], { additionalProperties: { type: "string" } }),
      "breaking",
      "input schema constrains other properties",
    ],
    [
      "other properties' schema widened",
      obj({}, [], { additionalProperties: { type: "string" } }),
      obj({}, [], { additionalProperties: { type: ["string", "null"] } }),
      "additive",
      "type of input property * widened (string → null | string)",
    ],
    [
      "other properties allowed again",
      obj({}, [], { additionalProperties: { type: "string" } }),
      obj({}),
      "additive",
      "input schema allows any other properties",
    ],
    ["a root type changed", { type: "object" }, { type: "array" }, "breaking", "type of input schema changed (object → array)"],
    [
      "a union of types mixed",
      obj({ v: { type: ["string", "null"] } }),
      obj({ v: { type: ["number", "null"] } }),
      "breaking",
      "type of input property v changed (null | string → null | number)",
    ],
    ["anyOf added", obj({ v: {} }), obj({ v: { anyOf: [{ type: "string" }] } }), "breaking", "anyOf of input property v added"],
    ["anyOf removed", obj({ v: { anyOf: [{ type: "string" }] } }), obj({ v: {} }), "additive", "anyOf of input property v removed"],
  ])("%s", (_name, before, after, impact, what, pointer) => {
    const change = inputChange(before, after);
    expect(change).toMatchObject({ impact, tool: "search", what });
    if (pointer) expect(change.pointer).toBe(pointer);
  });

  it("recurses into nested objects and array items", () => {
    const before = obj({ filter: obj({ kind: { enum: ["a", "b"] } }), tags: { type: "array", items: obj({ name: { type: "string" } }, ["name"]) } });
    const after = obj({ filter: obj({ kind: { enum: ["a"] } }), tags: { type: "array", items: obj({ name: { type: "string" } }) } });
    expect(classifyToolChanges([tool(before)], [tool(after)])).toEqual([
      {
        impact: "breaking",
        tool: "search",
        what: "enum of input property filter.kind narrowed (removed: b)",
        pointer: "/inputSchema/properties/filter/properties/kind/enum",
      },
      { impact: "additive", tool: "search", what: "input property tags[].name no longer required", pointer: "/inputSchema/properties/tags/items/required" },
    ]);
  });

  it("follows local $refs into $defs on each side, and ends on a recursive schema", () => {
    const node = (max: number) => ({
      type: "object",
      properties: { root: { $ref: "#/$defs/node" } },
      $defs: {
        node: { type: "object", properties: { label: { type: "string", maxLength: max }, children: { type: "array", items: { $ref: "#/$defs/node" } } } },
      },
    });
    expect(classifyToolChanges([tool(node(10))], [tool(node(5))])).toEqual([
      {
        impact: "breaking",
        tool: "search",
        what: "maxLength of input property root.label lowered (10 → 5)",
        pointer: "/inputSchema/properties/root/properties/label/maxLength",
      },
    ]);
    expect(classifyToolChanges([tool(node(5))], [tool(node(10))])[0]?.impact).toBe("additive");
  });

  it("follows a $ref to definitions (draft-07) against an inline schema", () => {
    const before = { type: "object", properties: { mode: { $ref: "#/definitions/mode" } }, definitions: { mode: { enum: ["a", "b"] } } };
    const after = obj({ mode: { enum: ["a"] } });
    expect(inputChange(before, after)).toMatchObject({ impact: "breaking", what: "enum of input property mode narrowed (removed: b)" });
  });

  it("a changed remote $ref is breaking", () => {
    expect(inputChange(obj({ a: { $ref: "https://x/a.json" } }), obj({ a: { $ref: "https://x/b.json" } }))).toMatchObject({ impact: "breaking" });
  });
});

describe("classifyToolChanges: output schemas (outputs may only promise more)", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, ChangeImpact, string]>([
    ["output property removed", obj({ id: {}, n: {} }), obj({ n: {} }), "breaking", "output property id removed"],
    ["output property added", obj({}), obj({ id: { type: "string" } }), "additive", "optional output property id added"],
    ["output property no longer required", obj({ id: {} }, ["id"]), obj({ id: {} }), "breaking", "output property id no longer required"],
    ["output property newly required", obj({ id: {} }), obj({ id: {} }, ["id"]), "additive", "output property id newly required"],
    [
      "output type changed",
      obj({ id: { type: "string" } }),
      obj({ id: { type: "integer" } }),
      "breaking",
      "type of output property id changed (string → integer)",
    ],
    [
      "output type widened",
      obj({ id: { type: "string" } }),
      obj({ id: { type: ["string", "null"] } }),
      "breaking",
      "type of output property id widened (string → null | string)",
    ],
    [
      "output type narrowed",
      obj({ id: { type: ["string", "null"] } }),
      obj({ id: { type: "string" } }),
      "additive",
      "type of output property id narrowed (null | string → string)",
    ],
    [
      "output enum widened",
      obj({ s: { enum: ["ok"] } }),
      obj({ s: { enum: ["ok", "error"] } }),
      "breaking",
      "enum of output property s widened (added: error)",
    ],
    [
      "output enum narrowed",
      obj({ s: { enum: ["ok", "error"] } }),
      obj({ s: { enum: ["ok"] } }),
      "additive",
      "enum of output property s narrowed (removed: error)",
    ],
    ["output maxLength raised", obj({ s: { maxLength: 5 } }), obj({ s: { maxLength: 9 } }), "breaking", "maxLength of output property s raised (5 → 9)"],
    ["output maxLength lowered", obj({ s: { maxLength: 9 } }), obj({ s: { maxLength: 5 } }), "additive", "maxLength of output property s lowered (9 → 5)"],
    ["output opened to other properties", obj({}, [], { additionalProperties: false }), obj({}), "breaking", "output schema now allows other properties"],
    ["output closed to other properties", obj({}), obj({}, [], { additionalProperties: false }), "additive", "output schema no longer allows other properties"],
    ["required output property added", obj({}), obj({ id: {} }, ["id"]), "additive", "required output property id added"],
    [
      "output oneOf widened",
      obj({ r: { oneOf: [{ type: "string" }] } }),
      obj({ r: { oneOf: [{ type: "string" }, { type: "null" }] } }),
      "breaking",
      "oneOf of output property r widened (1 branch added)",
    ],
    ["output minimum lowered", obj({ n: { minimum: 1 } }), obj({ n: { minimum: 0 } }), "breaking", "minimum of output property n lowered (1 → 0)"],
    [
      "output unknown keyword changed",
      obj({ n: { not: { const: 1 } } }),
      obj({ n: { not: { const: 2 } } }),
      "breaking",
      "keyword not of output property n changed",
    ],
    ["output description", obj({ n: { description: "a" } }), obj({ n: { description: "b" } }), "cosmetic", "description of output property n changed"],
  ])("%s", (_name, before, after, impact, what) => {
    expect(outputChange(before, after)).toMatchObject({ impact, what });
  });

  it("an output schema removed is breaking, added additive", () => {
    const plain = tool({ type: "object" });
    const structured = tool({ type: "object" }, { outputSchema: obj({ id: {} }) });
    expect(classifyToolChanges([structured], [plain])).toEqual([
      expect.objectContaining({ impact: "breaking", what: "output schema removed (structured output no longer promised)" }),
    ]);
    expect(classifyToolChanges([plain], [structured])).toEqual([expect.objectContaining({ impact: "additive", what: "output schema added" })]);
  });
});
