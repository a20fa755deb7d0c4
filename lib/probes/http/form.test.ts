import { describe, expect, it } from "vitest";
import { httpConfigSchema, type HttpConfig } from "./config";
import { httpConfigFromForm, httpFormFromConfig } from "./form";

describe("HTTP form conversion", () => {
  it("starts a new check from the schema's defaults", () => {
    const form = httpFormFromConfig();
    expect(form).toMatchObject({ method: "GET", url: "", headers: [], expectedStatus: "2xx", assertionType: "none", authType: "none", apiKeyIn: "header" });
    expect(httpConfigSchema.parse(httpConfigFromForm({ ...form, url: "https://api.example.com/health" }))).toEqual(
      httpConfigSchema.parse({ url: "https://api.example.com/health" }),
    );
  });

  it("round-trips a full config through the form's text", () => {
    const config: HttpConfig = {
      method: "POST",
      url: "https://api.example.com/check",
      headers: [{ name: "Accept", value: "application/json" }],
      body: '{"ping": true}',
      expectedStatus: "200,204",
      latencyBudgetMs: 800,
      minRateLimitHeadroomPercent: 10,
      auth: { type: "api_key", name: "X-Key", value: "{{secret.KEY}}", in: "query" },
      assertion: { type: "json_path", path: "$.status", equals: "ok" },
    };
    const form = httpFormFromConfig(config);
    expect(form).toMatchObject({ latencyBudgetMs: "800", minHeadroom: "10", apiKeyName: "X-Key", apiKeyIn: "query", jsonPath: "$.status", equals: "ok" });
    expect(httpConfigFromForm(form)).toEqual(config);
  });

  it("sends only the chosen auth and assertion, no blank headers, and no body with GET or HEAD", () => {
    const form = {
      ...httpFormFromConfig({ url: "https://x.test" }),
      headers: [
        { name: " ", value: "" },
        { name: "Accept", value: "*/*" },
      ],
      body: "typed for a POST",
      authToken: "kept while another type is chosen",
      authType: "basic" as const,
      authUsername: "monitor",
      assertionType: "body_contains" as const,
      bodyContains: "ok",
      equals: "ignored",
    };
    expect(httpConfigFromForm(form)).toMatchObject({
      headers: [{ name: "Accept", value: "*/*" }],
      body: undefined,
      auth: { type: "basic", username: "monitor", password: "" },
      assertion: { type: "body_contains", text: "ok" },
    });
    expect(httpConfigFromForm({ ...form, method: "HEAD" }).body).toBeUndefined();
    expect(httpConfigFromForm({ ...form, method: "PUT" }).body).toBe("typed for a POST");
    expect(httpConfigFromForm({ ...form, authType: "bearer" }).auth).toEqual({ type: "bearer", token: "kept while another type is chosen" });
  });

  it("leaves blank optional numbers and an empty 'equals' out", () => {
    const config = httpConfigFromForm({ ...httpFormFromConfig({ url: "https://x.test" }), latencyBudgetMs: " ", assertionType: "json_path", equals: "" });
    expect(config).toMatchObject({ latencyBudgetMs: undefined, minRateLimitHeadroomPercent: undefined, assertion: { type: "json_path", path: "$.status" } });
    expect(config.assertion).not.toHaveProperty("equals", "");
  });
});
