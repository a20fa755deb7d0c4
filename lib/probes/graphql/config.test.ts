import { describe, expect, it } from "vitest";
import { configFromRaw, rawFromConfig, visibleFields } from "../kind-form";
import { firstMessagePerField } from "../testing/schema-messages";
import { graphqlConfigSchema } from "./config";

describe("GraphQL config", () => {
  it("applies defaults: no variables, headers or assertions, shape tracked, schema not watched", () => {
    expect(graphqlConfigSchema.parse({ url: "https://api.example.com/graphql", query: "{ viewer { login } }" })).toEqual({
      url: "https://api.example.com/graphql",
      query: "{ viewer { login } }",
      variables: {},
      headers: [],
      assertions: [],
      watchSchema: false,
      trackShape: true,
    });
  });

  it("explains the obvious mistakes", () => {
    expect(firstMessagePerField(graphqlConfigSchema, { url: "ftp://x", query: " ", variables: [1], auth: { type: "bearer" } })).toEqual({
      url: "Enter a full http:// or https:// URL, e.g. https://api.example.com/graphql",
      query: "Enter the GraphQL query, e.g. { viewer { login } }",
      variables: "The variables must be a JSON object",
      "auth.token": "Invalid input: expected string, received undefined",
    });
  });

  it("takes the HTTP kind's auth types, and the form's None as no auth", () => {
    const base = { url: "https://api.example.com/graphql", query: "{ a }" };
    expect(graphqlConfigSchema.parse({ ...base, auth: { type: "none" } }).auth).toBeUndefined();
    expect(graphqlConfigSchema.parse({ ...base, auth: { type: "api_key", name: "API-Key", value: "{{secret.NR_KEY}}" } }).auth).toEqual({
      type: "api_key",
      name: "API-Key",
      value: "{{secret.NR_KEY}}",
      in: "header",
    });
  });

  it("round-trips through the generated form, showing only the chosen auth type's fields", () => {
    const config = {
      url: "https://api.example.com/graphql",
      query: "query Q($n: Int) { items(first: $n) { id } }",
      variables: { n: 1 },
      auth: { type: "bearer", token: "{{secret.TOKEN}}" },
      assertions: [{ source: "json_path", property: "$.data.items", comparison: "is_not_empty" }],
      watchSchema: true,
    };
    const raw = rawFromConfig("graphql", config);
    expect(visibleFields("graphql", raw).map((f) => f.key)).toContain("auth.token");
    expect(visibleFields("graphql", raw).map((f) => f.key)).not.toContain("auth.clientId");
    const back = configFromRaw("graphql", raw);
    expect(back.errors).toEqual({});
    expect(graphqlConfigSchema.parse(back.config)).toMatchObject(config);
    // A new check starts with auth None, which is stored as no auth.
    const fresh = rawFromConfig("graphql", undefined);
    expect(fresh["auth.type"]).toBe("none");
    expect(graphqlConfigSchema.parse({ ...configFromRaw("graphql", fresh).config, url: config.url, query: config.query }).auth).toBeUndefined();
  });
});
