// The reference page's data from the real document: every operation once, under its tag, with its auth, parameters,
// body and responses; schemas as field trees with refs resolved and nullable unions folded.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, OPERATIONS } from ".";
import { buildApiReference, schemaNode } from "./reference";

const reference = buildApiReference(buildOpenApiDocument({ version: "1.2.3" }));
const find = (id: string) => reference.tags.flatMap((t) => t.operations).find((o) => o.id === id)!;

describe("buildApiReference", () => {
  it("lists every operation once, grouped by tag in the document's order", () => {
    expect(reference).toMatchObject({ title: "Tether API", version: "1.2.3" });
    expect(reference.operationCount).toBe(OPERATIONS.length);
    const ids = reference.tags.flatMap((t) => t.operations.map((o) => o.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(reference.tags[0]).toMatchObject({ name: "Integrations", slug: "tag-integrations" });
    expect(reference.security.map((s) => s.name)).toEqual(["sessionCookie", "bearerToken"]);
  });

  it("an operation: who may call it, its parameters, its body fields and each response", () => {
    const runs = find("listruns");
    expect(runs).toMatchObject({ method: "GET", path: "/api/integrations/{id}/runs", auth: "session-or-token" });
    expect(runs.parameters.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["query", "cursor", false],
      ["query", "limit", false],
      ["query", "failed", false],
    ]);
    expect(runs.parameters.find((p) => p.name === "limit")!.schema.constraints).toEqual(["≥ 1", "≤ 200", "default 25"]);
    expect(runs.responses.map((r) => r.status)).toEqual(["200", "400", "401", "403", "404", "500", "503"]);
    // The error responses resolve to the Error component's fields.
    expect(runs.responses.find((r) => r.status === "401")!.schema!.fields!.map((f) => f.name)).toEqual(["error"]);

    const create = find("createintegration");
    expect(create.body?.type).toBe("one of");
    expect(find("health").auth).toBe("public");
    expect(find("createtoken").auth).toBe("session");
  });
});

describe("schemaNode", () => {
  it("folds a nullable union, names formats and enums, and stops at depth", () => {
    expect(schemaNode({ anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] }, {})).toMatchObject({
      type: "string · date-time",
      nullable: true,
    });
    expect(schemaNode({ type: "string", enum: ["a", "b"] }, {})).toMatchObject({ type: "string", values: ["a", "b"] });
    // A format's own regex and the safe-integer bounds zod adds are left out.
    expect(schemaNode({ type: "string", format: "uuid", pattern: "^[0-9a-f-]+$" }, {}).constraints).toEqual([]);
    expect(schemaNode({ type: "integer", minimum: -Number.MAX_SAFE_INTEGER, maximum: 500 }, {}).constraints).toEqual(["≤ 500"]);
    expect(
      schemaNode(
        { type: "array", items: { $ref: "#/components/schemas/X" } },
        { X: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] } },
      ),
    ).toMatchObject({
      type: "array of object",
      items: { fields: [{ name: "n", required: true, schema: { type: "integer" } }] },
    });
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 12; i++) deep = { type: "object", properties: { next: deep } };
    let node = schemaNode(deep, {});
    let depth = 0;
    while (node.fields) {
      node = node.fields[0]!.schema;
      depth++;
    }
    expect(depth).toBe(8);
    expect(node.truncated).toBe(true);
  });
});
