import { describe, expect, it } from "vitest";
import { parseIncidentMarkdown, parseInline, plainText } from "./incident-markdown";

describe("incident update Markdown", () => {
  it("splits paragraphs and lists", () => {
    expect(parseIncidentMarkdown("We are looking.\nStill.\n\n- one\n- two")).toEqual([
      { kind: "paragraph", children: [{ kind: "text", text: "We are looking. Still." }] },
      { kind: "list", items: [[{ kind: "text", text: "one" }], [{ kind: "text", text: "two" }]] },
    ]);
  });

  it("reads bold, emphasis, code and http(s) links", () => {
    expect(parseInline("**Fixed** in *v2* by `retry` — [details](https://example.com/a)")).toEqual([
      { kind: "strong", children: [{ kind: "text", text: "Fixed" }] },
      { kind: "text", text: " in " },
      { kind: "em", children: [{ kind: "text", text: "v2" }] },
      { kind: "text", text: " by " },
      { kind: "code", text: "retry" },
      { kind: "text", text: " — " },
      { kind: "link", href: "https://example.com/a", children: [{ kind: "text", text: "details" }] },
    ]);
  });

  it("keeps HTML as text and drops links that are not http(s)", () => {
    const nodes = parseInline("<script>alert(1)</script> [x](javascript:void)");
    expect(nodes.every((n) => n.kind === "text")).toBe(true);
    expect(nodes.map((n) => (n.kind === "text" ? n.text : "")).join("")).toBe("<script>alert(1)</script> x");
  });

  it("leaves an unclosed mark as its characters", () => {
    expect(parseInline("2 * 3 and **half")).toEqual([{ kind: "text", text: "2 * 3 and **half" }]);
  });

  it("gives plain text for feeds", () => {
    expect(plainText("**Resolved.** See [the notes](https://example.com).\n\n- a")).toBe("Resolved. See the notes.\n\n- a");
  });
});
