import { describe, expect, it } from "vitest";
import { toolDrift } from "./drift";

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
