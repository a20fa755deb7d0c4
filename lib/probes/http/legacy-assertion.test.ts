import { describe, expect, it } from "vitest";
import { evaluateAssertions } from "../shared/assertions/evaluate";
import { httpConfigSchema } from "./config";
import { PROVIDER_PRESETS } from "./presets";

const url = "https://api.example.com/health";
const observe = (bodyText: string) => {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    json = undefined;
  }
  return { status: 200, headers: {}, bodyText, json, latencyMs: 10, sizeBytes: bodyText.length };
};
const passes = (config: unknown, body: string) => evaluateAssertions(httpConfigSchema.parse(config).assertions, observe(body)).every((r) => r.passed);

describe("an old single assertion, read as a list", () => {
  it("reads the same as the list written out", () => {
    expect(httpConfigSchema.parse({ url, assertion: { type: "json_path", path: "$.status", equals: "ok" } })).toEqual(
      httpConfigSchema.parse({ url, assertions: [{ source: "json_path", property: "$.status", comparison: "equals", target: "ok" }] }),
    );
    expect(httpConfigSchema.parse({ url, assertion: { type: "body_contains", text: "up" } }).assertions).toEqual([
      { source: "body", comparison: "contains", target: "up" },
    ]);
    const both = httpConfigSchema.parse({
      url,
      assertion: { type: "json_path", path: "$.id" },
      assertions: [{ source: "status", comparison: "equals", target: "200" }],
    });
    expect(both).not.toHaveProperty("assertion");
    expect(both.assertions).toEqual([
      { source: "json_path", property: "$.id", comparison: "exists" },
      { source: "status", comparison: "equals", target: "200" },
    ]);
  });

  // The old probe's verdicts on the same bodies (lib/probes/http/http-probe.ts before the list).
  it.each([
    ["json_path equals", { type: "json_path", path: "$.status", equals: "ok" }, '{"status":"ok"}', true],
    ["json_path equals, other value", { type: "json_path", path: "$.status", equals: "ok" }, '{"status":"down"}', false],
    ["json_path equals a boolean as text", { type: "json_path", path: "$.ok", equals: "true" }, '{"ok":true}', true],
    ["json_path equals, path missing", { type: "json_path", path: "$.status", equals: "ok" }, "{}", false],
    ["json_path exists", { type: "json_path", path: "$.id" }, '{"id":null}', true],
    ["json_path exists, missing", { type: "json_path", path: "$.id" }, "{}", false],
    ["json_path, body not JSON", { type: "json_path", path: "$.id" }, "<html>", false],
    ["body_contains", { type: "body_contains", text: "operational" }, "All systems operational", true],
    ["body_contains, absent", { type: "body_contains", text: "operational" }, "Major outage", false],
    ["graphql, data and no errors", { type: "graphql", path: "$.data.actor.user.email" }, '{"data":{"actor":{"user":{"email":"a@b"}}}}', true],
    ["graphql, empty errors", { type: "graphql" }, '{"data":{},"errors":[]}', true],
    ["graphql, an error", { type: "graphql", path: "$.data.actor" }, '{"data":{"actor":{}},"errors":[{"message":"Invalid API key"}]}', false],
    ["graphql, path missing", { type: "graphql", path: "$.data.actor" }, '{"data":null}', false],
    ["graphql, body not JSON", { type: "graphql" }, "Bad gateway", false],
  ])("%s", (_name, assertion, body, verdict) => {
    expect(passes({ url, assertion }, body)).toBe(verdict);
  });

  it("keeps the New Relic preset's GraphQL error naming its message", () => {
    const config = httpConfigSchema.parse(PROVIDER_PRESETS.newrelic.config);
    const [errors] = evaluateAssertions(config.assertions, observe('{"errors":[{"message":"Invalid API key"}],"data":null}'));
    expect(errors).toMatchObject({ passed: false, assertion: "$.errors is empty" });
    expect(errors!.message).toContain("Invalid API key");
  });

  it("still says what is wrong with an old assertion sent by integrations as code", () => {
    const issues = httpConfigSchema.safeParse({ url, assertion: { type: "json_path", path: "status" } }).error?.issues;
    expect(issues?.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["assertion.path: A JSON path starts with $"]);
  });
});
