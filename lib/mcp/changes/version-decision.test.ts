import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../types";
import { setFingerprint, toolFingerprint } from "./fingerprint";
import { toolDefinitionsSchema } from "./tool-definition-schema";
import { nextToolVersion } from "./version-decision";

const search: ToolDefinition = {
  name: "search",
  description: "Find things",
  inputSchema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] },
};
const fetchTool: ToolDefinition = { name: "fetch", inputSchema: { type: "object", properties: { url: { type: "string", format: "uri" } } } };

describe("fingerprints", () => {
  it("ignore key order at every depth", () => {
    const shuffled: ToolDefinition = {
      inputSchema: { required: ["q"], properties: { q: { type: "string" } }, type: "object" },
      description: "Find things",
      name: "search",
    };
    expect(toolFingerprint(shuffled)).toBe(toolFingerprint(search));
    expect(toolFingerprint(search)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("change with any member, a description included", () => {
    expect(toolFingerprint({ ...search, description: "Find" })).not.toBe(toolFingerprint(search));
    expect(toolFingerprint({ ...search, inputSchema: { ...search.inputSchema, required: [] } })).not.toBe(toolFingerprint(search));
  });

  it("of a set ignore the order of its tools, not their content", () => {
    expect(setFingerprint([search, fetchTool])).toBe(setFingerprint([fetchTool, search]));
    expect(setFingerprint([search])).not.toBe(setFingerprint([search, fetchTool]));
    expect(setFingerprint([])).toBe(setFingerprint([]));
  });
});

describe("nextToolVersion", () => {
  it("the first list is version 1 with no changes, its tools sorted by name", () => {
    const v = nextToolVersion(null, [search, fetchTool]);
    expect(v).toEqual({
      seq: 1,
      setFingerprint: setFingerprint([search, fetchTool]),
      tools: [fetchTool, search],
      changes: [],
      counts: { breaking: 0, additive: 0, cosmetic: 0 },
    });
  });

  it("the same list (in any order) writes nothing", () => {
    const v1 = nextToolVersion(null, [search, fetchTool])!;
    expect(nextToolVersion(v1, [fetchTool, search])).toBeNull();
  });

  it("a changed list is the next version, classified against the last", () => {
    const v1 = nextToolVersion(null, [search, fetchTool])!;
    const v2 = nextToolVersion({ ...v1, seq: 7 }, [{ ...search, description: "Search" }])!;
    expect(v2.seq).toBe(8);
    expect(v2.changes).toEqual([
      { impact: "breaking", tool: "fetch", what: "tool removed" },
      { impact: "cosmetic", tool: "search", what: "description changed", pointer: "/description" },
    ]);
    expect(v2.counts).toEqual({ breaking: 1, additive: 0, cosmetic: 1 });
  });
});

describe("toolDefinitionsSchema", () => {
  it("takes stored definitions and says what is wrong with others", () => {
    expect(toolDefinitionsSchema.parse([search, fetchTool])).toEqual([search, fetchTool]);
    expect(toolDefinitionsSchema.safeParse([search, search]).error?.issues[0]?.message).toBe("Tool names must be unique");
    expect(toolDefinitionsSchema.safeParse([{ inputSchema: {} }]).error?.issues[0]?.message).toBe("A tool needs a name");
  });
});
