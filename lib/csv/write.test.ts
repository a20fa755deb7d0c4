import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "./write";

describe("csvField", () => {
  it("leaves plain text and numbers bare", () => {
    expect(csvField("Stripe API")).toBe("Stripe API");
    expect(csvField(99.95)).toBe("99.95");
    expect(csvField(-1)).toBe("-1");
    expect(csvField(true)).toBe("true");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });
  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
  });
  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField("=a,b")).toBe(`"'=a,b"`);
  });
});

describe("toCsv", () => {
  it("writes the header and the rows in its order with CRLF, blanks for missing cells", () => {
    const csv = toCsv(["name", "pct", "note"] as const, [
      { name: "A", pct: 99.9 },
      { note: "x,y", name: "B" },
    ]);
    expect(csv).toBe('name,pct,note\r\nA,99.9,\r\nB,,"x,y"\r\n');
  });
  it("writes only the header when there are no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });
});
