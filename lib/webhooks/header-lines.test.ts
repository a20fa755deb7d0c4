import { describe, expect, it } from "vitest";
import { formatHeaderLines, parseHeaderLines } from "./header-lines";

describe("header lines", () => {
  it("round-trips headers, lower-casing names and keeping colons in values", () => {
    const headers = { "content-type": "application/json", "webhook-signature": "v1,abc:def" };
    expect(parseHeaderLines(formatHeaderLines(headers))).toEqual({ ok: true, headers });
    expect(parseHeaderLines("X-Thing:  spaced \n\n")).toEqual({ ok: true, headers: { "x-thing": "spaced" } });
  });

  it("names the line that is not a header, and a header given twice", () => {
    expect(parseHeaderLines("a: 1\nno colon here")).toEqual({ ok: false, error: 'Line 2: write "Name: value"' });
    expect(parseHeaderLines("bad name: 1")).toEqual({ ok: false, error: 'Line 1: write "Name: value"' });
    expect(parseHeaderLines("A: 1\na: 2")).toEqual({ ok: false, error: "Line 2: a appears twice" });
  });
});
