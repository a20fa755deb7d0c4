import { describe, expect, it } from "vitest";
import { checkTolerance, parseUnixSeconds, requireHeaders, requireKeys } from "./checks";

describe("parseUnixSeconds", () => {
  it("accepts whole seconds only", () => {
    expect(parseUnixSeconds("1614265330")).toBe(1_614_265_330);
    expect(parseUnixSeconds("0")).toBe(0);
    for (const text of ["", " 1", "1 ", "+1", "-1", "1.0", "1e9", "0x10", "1614265330000", "NaN"]) expect(parseUnixSeconds(text), text).toBeNull();
  });
});

describe("checkTolerance", () => {
  const T = 1_700_000_000;
  it("compares whole seconds of the clock, accepting the boundary both ways", () => {
    expect(checkTolerance("slack", T - 300, T * 1000 + 999, 300)).toBeNull();
    expect(checkTolerance("slack", T + 300, T * 1000, 300)).toBeNull();
    expect(checkTolerance("slack", T - 301, T * 1000, 300)).toMatchObject({ reason: "timestamp_too_old", detail: expect.stringContaining("301 s ago") });
    expect(checkTolerance("slack", T + 301, T * 1000, 300)).toMatchObject({ reason: "timestamp_in_future", detail: expect.stringContaining("301 s ahead") });
  });
});

describe("requireHeaders", () => {
  const wanted = [
    { name: "a", label: "A" },
    { name: "b", label: "B" },
  ];
  it("returns trimmed values in order", () => {
    expect(requireHeaders("hmac", { a: " 1 ", b: "2" }, wanted)).toEqual(["1", "2"]);
  });
  it("names missing headers before empty ones", () => {
    expect(requireHeaders("hmac", { a: "" }, wanted)).toMatchObject({ reason: "missing_header", detail: "Missing B" });
    expect(requireHeaders("hmac", { a: "", b: " " }, wanted)).toMatchObject({ reason: "malformed_header", detail: "Empty A, B" });
  });
});

describe("requireKeys", () => {
  it("distinguishes no secret from unreadable secrets", () => {
    expect(requireKeys("hmac", [], [])).toMatchObject({ reason: "no_secret" });
    expect(requireKeys("hmac", ["", ""], [[], []])).toMatchObject({ reason: "no_secret" });
    expect(requireKeys("standard_webhooks", ["whsec_!"], [[]])).toMatchObject({ reason: "invalid_secret" });
    expect(requireKeys("hmac", ["", "k"], [[], [Buffer.from("k")]])).toBeNull();
  });
});
