import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { assertionResultsOf } from "@/lib/probes/shared/assertions/results";
import { AssertionResults } from "./assertion-results";

describe("AssertionResults", () => {
  it("shows every assertion with its verdict, what it saw, and a schema's violations", () => {
    const html = renderToStaticMarkup(
      <AssertionResults
        results={[
          { assertion: "status equals 200", passed: true, actual: "200", message: "status equals 200" },
          { assertion: "header x-id exists", passed: false, actual: null, message: "header x-id exists (saw nothing)" },
          {
            assertion: "body matches the JSON Schema",
            passed: false,
            actual: "1 violation",
            message: "…",
            violations: [{ instancePath: "/id", keyword: "type", message: "must be integer" }],
          },
        ]}
      />,
    );
    expect(html).toContain("2 of 3 failed");
    expect(html.match(/data-passed="false"/g)).toHaveLength(2);
    expect(html).toContain('<span class="sr-only">Failed:</span>');
    expect(html).toContain(">nothing</span>");
    expect(html).toContain('aria-label="Violations of body matches the JSON Schema"');
    expect(html).toContain("must be integer");
  });

  it("reads results only from details that carry them", () => {
    expect(assertionResultsOf({ assertions: [{ assertion: "a", passed: true, actual: null, message: "a" }] })).toHaveLength(1);
    expect(assertionResultsOf({ assertions: [] })).toBeNull();
    expect(assertionResultsOf({ assertions: [{ passed: "yes" }] })).toBeNull();
    expect(assertionResultsOf(null)).toBeNull();
  });
});
