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

  it("freezes the shared objects outside production, so a run cannot edit what the next run reads", () => {
    const shared = new JsonByText(); // NODE_ENV is "test" here
    const config = shared.of("a", '{"url":"http://x/","headers":[{"name":"x-a","value":"1"}]}') as {
      url: string;
      headers: { name: string; value: string }[];
    };
    expect(() => {
      config.url = "http://edited/";
    }).toThrow(TypeError);
    expect(() => config.headers.push({ name: "x-b", value: "2" })).toThrow(TypeError);
    expect(() => {
      config.headers[0]!.value = "2";
    }).toThrow(TypeError);
    expect(shared.of("a", '{"url":"http://x/","headers":[{"name":"x-a","value":"1"}]}')).toEqual({
      url: "http://x/",
      headers: [{ name: "x-a", value: "1" }],
    });
    // Production leaves them as parsed (freezing costs a walk of every changed config).
    const loose = new JsonByText(10, false).of("a", '{"url":"http://x/"}') as { url: string };
    loose.url = "http://edited/";
    expect(loose.url).toBe("http://edited/");
  });
});
