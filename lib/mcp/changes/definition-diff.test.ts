import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../types";
import { lineDiff, toolDefinitionDiffs } from "./definition-diff";

const search = (max: number): ToolDefinition => ({
  name: "search",
  description: "Find",
  inputSchema: { type: "object", properties: { q: { type: "string", maxLength: max } }, required: ["q"] },
});

describe("toolDefinitionDiffs", () => {
  it("diffs only the tools that changed, as canonical JSON lines with numbers", () => {
    const other: ToolDefinition = { name: "other", inputSchema: { type: "object" } };
    const diffs = toolDefinitionDiffs([search(10), other], [{ ...other }, search(5)]);
    expect(diffs.map((d) => [d.tool, d.status])).toEqual([["search", "changed"]]);
    const lines = diffs[0]!.hunks.flat();
    expect(lines.filter((l) => l.kind !== "context")).toEqual([
      { kind: "remove", text: '        "maxLength": 10,', oldLine: 6, newLine: null },
      { kind: "add", text: '        "maxLength": 5,', oldLine: null, newLine: 6 },
    ]);
    // Key order in the stored definition does not show up as a change.
    const shuffled = { inputSchema: search(10).inputSchema, name: "search", description: "Find" } as ToolDefinition;
    expect(toolDefinitionDiffs([search(10)], [shuffled])).toEqual([]);
  });

  it("shows an added tool as all additions and a removed one as all removals", () => {
    const [added] = toolDefinitionDiffs([], [search(1)]);
    expect(added!.status).toBe("added");
    expect(added!.hunks.flat().every((l) => l.kind === "add")).toBe(true);
    const [removed] = toolDefinitionDiffs([search(1)], []);
    expect(removed!.status).toBe("removed");
    expect(removed!.hunks.flat().every((l) => l.kind === "remove")).toBe(true);
  });

  it("cuts long unchanged stretches into separate hunks with three lines of context", () => {
    const a = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n") + "\n";
    const b = a.replace("line 2\n", "line two\n").replace("line 27\n", "line twenty-seven\n");
    const hunks = lineDiff(a, b);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.filter((l) => l.kind === "context")).toHaveLength(5);
  });
});
