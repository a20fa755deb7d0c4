import { describe, expect, it } from "vitest";
import type { ProbeRunResult } from "../../domain/probe-run";
import { toolDrift, withToolDrift } from "./drift";

describe("toolDrift", () => {
  it("is null on a first run and when the set of names is unchanged, whatever the order or repeats", () => {
    expect(toolDrift(undefined, ["search"])).toBeNull();
    expect(toolDrift(["a", "b"], ["b", "a"])).toBeNull();
    expect(toolDrift(["a", "a", "b"], ["a", "b"])).toBeNull();
    expect(toolDrift([], [])).toBeNull();
  });

  it("lists added and removed names, sorted", () => {
    expect(toolDrift(["search", "fetch"], ["search", "write", "delete"])).toEqual({ added: ["delete", "write"], removed: ["fetch"] });
    expect(toolDrift([], ["b", "a"])).toEqual({ added: ["a", "b"], removed: [] });
    expect(toolDrift(["x"], [])).toEqual({ added: [], removed: ["x"] });
  });
});

describe("withToolDrift (the MCP probe's after-run step)", () => {
  const run = (details?: Record<string, unknown>) => ({ ok: true, details }) as ProbeRunResult;
  const history = (tools: unknown) => ({ lastDetail: async (key: string) => (key === "tools" ? tools : undefined) });

  it("notes drift from the last recorded list on the run's details", async () => {
    expect((await withToolDrift(run({ tools: ["a", "c"], toolCount: 2 }), history(["a", "b"]))).details).toEqual({
      tools: ["a", "c"],
      toolCount: 2,
      toolDrift: { added: ["c"], removed: ["b"] },
    });
  });

  it("leaves a run alone without a tool list, without a previous list, or without a change, and reads no history without a list", async () => {
    const failed = run(undefined);
    expect(await withToolDrift(failed, { lastDetail: () => Promise.reject(new Error("not read")) })).toBe(failed);
    const first = run({ tools: ["a"] });
    expect(await withToolDrift(first, history(undefined))).toBe(first);
    expect(await withToolDrift(first, history(["a"]))).toBe(first);
  });
});
