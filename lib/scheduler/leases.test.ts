import { describe, expect, it } from "vitest";
import { JsonByText } from "./leases";

describe("JsonByText (a claim's config and last details)", () => {
  it("hands back the same object while an integration's text is unchanged, and a fresh one once it changes", () => {
    const cache = new JsonByText();
    const first = cache.of("a", '{"url":"http://x/","headers":[]}');
    expect(first).toEqual({ url: "http://x/", headers: [] });
    expect(cache.of("a", '{"url":"http://x/","headers":[]}')).toBe(first);
    const edited = cache.of("a", '{"url":"http://y/","headers":[]}');
    expect(edited).toEqual({ url: "http://y/", headers: [] });
    expect(edited).not.toBe(first);
    // Per integration: the same text of another integration is its own object.
    expect(cache.of("b", '{"url":"http://y/","headers":[]}')).not.toBe(edited);
  });

  it("starts over past its size instead of growing without bound", () => {
    const cache = new JsonByText(2);
    const a = cache.of("a", "[1]");
    cache.of("b", "[2]");
    expect(cache.of("a", "[1]")).toBe(a);
    cache.of("c", "[3]"); // a third integration: forgets the rest
    expect(cache.of("a", "[1]")).not.toBe(a);
    expect(cache.of("a", "[1]")).toEqual([1]);
  });
});
