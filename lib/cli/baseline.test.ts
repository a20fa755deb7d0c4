import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { ToolDefinition } from "../mcp/types";
import { baselineOf, readBaseline, savedTools, writeBaseline } from "./baseline";

const tool = (name: string): ToolDefinition => ({ name, inputSchema: { type: "object" } });
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tether-baseline-"));
});

describe("baseline file", () => {
  it("is undefined when missing, and round-trips what was written, sorted", async () => {
    const file = path.join(dir, "tools.json");
    expect(await readBaseline(file)).toBeUndefined();
    await writeBaseline(
      file,
      baselineOf([
        { name: "b", tools: [tool("z"), tool("a")] },
        { name: "a", tools: [] },
      ]),
    );
    const text = await readFile(file, "utf8");
    expect(Object.keys(JSON.parse(text).servers)).toEqual(["a", "b"]);
    expect((await readBaseline(file))?.servers.b?.tools.map((t) => t.name)).toEqual(["a", "z"]);
  });

  it("never overwrites an existing file", async () => {
    const file = path.join(dir, "tools.json");
    await writeFile(file, "keep");
    await expect(writeBaseline(file, baselineOf([]))).rejects.toThrow(/cannot write the baseline .*EEXIST/);
    expect(await readFile(file, "utf8")).toBe("keep");
  });

  it.each([
    ["not json", /is not JSON/],
    ['{"format":"other","version":1,"servers":{}}', /not a Tether MCP baseline/],
    ['{"format":"tether-mcp-baseline","version":1,"servers":{"s":{"tools":[{"inputSchema":{}}]}}}', /invalid at servers.s.tools.0.name: A tool needs a name/],
  ])("refuses %j with a clear usage error", async (text, message) => {
    const file = path.join(dir, "bad.json");
    await writeFile(file, text);
    await expect(readBaseline(file)).rejects.toThrow(message);
  });

  it("matches by name, or a lone server to a lone server whatever its name", () => {
    const b = baselineOf([{ name: "staging", tools: [tool("t")] }]);
    expect(savedTools(b, "staging", 2)).toEqual([tool("t")]);
    expect(savedTools(b, "production", 1)).toEqual([tool("t")]);
    expect(savedTools(b, "production", 2)).toBeUndefined();
  });
});
