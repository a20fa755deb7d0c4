import { describe, expect, it } from "vitest";
import { integrationInputSchema } from "./integration-input";
import { fieldErrors } from "../api/errors";

const valid = { name: "Stripe API", kind: "http", intervalSeconds: 30, timeoutMs: 5_000, config: { url: "https://api.stripe.com/healthcheck" } };

function errorsOf(input: unknown) {
  const parsed = integrationInputSchema.safeParse(input);
  return parsed.success ? {} : fieldErrors(parsed.error);
}

describe("integration input", () => {
  it("applies defaults to a minimal valid input", () => {
    expect(integrationInputSchema.parse(valid)).toMatchObject({
      enabled: true,
      tags: [],
      retryAttempts: 2,
      config: { method: "GET", expectedStatus: "2xx", headers: [] },
    });
  });

  it("names the field of each problem: invalid URL, negative interval, unknown kind", () => {
    expect(errorsOf({ ...valid, config: { url: "not a url" } })).toEqual({ "config.url": ["Enter a full http:// or https:// URL"] });
    expect(errorsOf({ ...valid, config: { url: "ftp://example.com" } })).toHaveProperty("config.url");
    expect(errorsOf({ ...valid, intervalSeconds: -5 })).toEqual({ intervalSeconds: ["The interval must be at least 5 seconds"] });
    expect(errorsOf({ ...valid, kind: "smtp" })).toEqual({ kind: [expect.stringMatching(/^Unknown kind; expected one of: http, postgres, /)] });
  });

  it("configures backoff per integration, and refuses a longest wait shorter than the first", () => {
    expect(integrationInputSchema.parse(valid)).toMatchObject({ backoffInitialMs: 200, backoffMaxMs: 5_000 });
    expect(errorsOf({ ...valid, backoffInitialMs: 1_000, backoffMaxMs: 500 })).toEqual({ backoffMaxMs: ["The longest wait cannot be shorter than the first"] });
  });

  it("refuses a timeout longer than the interval, and bad assertion or status specs", () => {
    expect(errorsOf({ ...valid, intervalSeconds: 5, timeoutMs: 6_000 })).toEqual({ timeoutMs: ["The timeout must be shorter than the interval"] });
    expect(errorsOf({ ...valid, config: { ...valid.config, expectedStatus: "20x" } })).toHaveProperty("config.expectedStatus");
    expect(errorsOf({ ...valid, config: { ...valid.config, assertion: { type: "json_path", path: "status" } } })).toEqual({
      "config.assertion.path": ["A JSON path starts with $"],
    });
    const assertions = [
      { source: "status", comparison: "equals", target: "200" },
      { source: "header", comparison: "contains", target: "json" },
      { source: "body", comparison: "matches", target: "(a)\\1" },
    ];
    expect(errorsOf({ ...valid, config: { ...valid.config, assertions } })).toEqual({
      "config.assertions.1.property": ["Enter the header name, e.g. content-type"],
      "config.assertions.2.target": [expect.stringMatching(/^Not a regular expression Tether can run in linear time/)],
    });
  });
});
