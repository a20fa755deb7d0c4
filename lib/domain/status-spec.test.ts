import { describe, expect, it } from "vitest";
import { parseStatusSpec, statusMatches } from "./status-spec";

describe("status specs", () => {
  it.each([
    ["2xx", 204, true],
    ["2xx", 301, false],
    ["200,204", 204, true],
    ["200-299, 304", 304, true],
    ["200-299, 304", 305, false],
  ])("%s matches %i: %s", (spec, status, expected) => {
    const parsed = parseStatusSpec(spec);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(statusMatches(parsed.ranges, status)).toBe(expected);
  });

  it.each([[""], ["abc"], ["700"], ["299-200"], ["20x"]])("rejects %j with a message", (spec) => {
    expect(parseStatusSpec(spec)).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it("ignores an empty trailing part", () => {
    expect(parseStatusSpec("2xx,")).toEqual({ ok: true, ranges: [[200, 299]] });
  });
});
