import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { IntegrationDetail } from "@/lib/integrations/types";
import { ReadingsCard, readingText } from "./readings-card";

const withDetails = (details: Record<string, unknown>) => ({ lastReadings: { at: "2026-12-03T08:00:00.000Z", details } }) as unknown as IntegrationDetail;

describe("ReadingsCard", () => {
  it("renders nothing when every detail of the run belongs to another card (an HTTP check's steps and body shape)", () => {
    const html = renderToStaticMarkup(<ReadingsCard integration={withDetails({ steps: [{ name: "token" }], shape: { type: "object" }, assertions: [] })} />);
    expect(html).toBe("");
  });

  it("shows an HTTP probe's assertion results with their verdicts, not as [object Object]", () => {
    const html = renderToStaticMarkup(
      <ReadingsCard
        integration={withDetails({
          assertions: [
            { assertion: "status equals 200", passed: true, actual: "200", message: "status equals 200" },
            { assertion: "$.object equals balance", passed: false, actual: "list", message: "$.object equals balance (saw list)" },
          ],
          bytes: 120,
        })}
      />,
    );
    expect(html).not.toContain("[object Object]");
    expect(html).toContain("1 of 2 failed");
    expect(html).toContain("$.object equals balance");
    expect(html).toContain(">bytes</dt>");
  });

  it("two assertion lists on one page label themselves with ids of their own", () => {
    const details = { assertions: [{ assertion: "status equals 200", passed: true, actual: "200", message: "status equals 200" }] };
    const html = renderToStaticMarkup(
      <>
        <ReadingsCard integration={withDetails(details)} />
        <ReadingsCard integration={withDetails(details)} />
      </>,
    );
    const ids = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(html).toContain(`id="${id}"`);
  });

  it("writes lists of objects and objects as JSON", () => {
    expect(readingText([{ a: 1 }, "x", 2])).toBe('{"a":1}, x, 2');
    expect(readingText({ a: [1] })).toBe('{"a":[1]}');
    expect(readingText(Array.from({ length: 14 }, (_, i) => i))).toBe("0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 +2");
  });
});
