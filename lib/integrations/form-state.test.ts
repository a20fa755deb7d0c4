import { describe, expect, it } from "vitest";
import { formFromInput, inputFromForm, kindConfigFor } from "./form-state";
import { INTEGRATION_DEFAULTS, integrationInputSchema, type IntegrationInputRaw } from "./integration-input";

describe("integration form state", () => {
  it("starts a new integration from the defaults the schema applies", () => {
    const form = formFromInput();
    expect(form).toMatchObject({ kind: "http", intervalSeconds: "30", timeoutMs: "5000", retryAttempts: "2", enabled: true, kindConfig: {} });
    const parsed = integrationInputSchema.parse(inputFromForm({ ...form, name: "Stripe", http: { ...form.http, url: "https://api.stripe.com" } }).input);
    expect(parsed).toMatchObject(INTEGRATION_DEFAULTS);
    expect(
      integrationInputSchema.parse({ name: "Stripe", kind: "http", intervalSeconds: 30, timeoutMs: 5_000, config: { url: "https://x.test" } }),
    ).toMatchObject(INTEGRATION_DEFAULTS);
  });

  it("round-trips an HTTP integration and a generated-form kind", () => {
    const http: IntegrationInputRaw = {
      name: "API",
      kind: "http",
      tags: ["payments", "critical"],
      intervalSeconds: 60,
      timeoutMs: 2_000,
      enabled: false,
      retryAttempts: 1,
      backoffInitialMs: 100,
      backoffMaxMs: 1_000,
      breakerThreshold: 3,
      breakerCooldownSeconds: 30,
      config: { method: "GET", url: "https://x.test", headers: [], expectedStatus: "2xx" },
    };
    const form = formFromInput(http);
    expect(form.tags).toBe("payments, critical");
    expect(inputFromForm(form)).toEqual({
      input: { ...http, locations: [], quorum: null, config: { ...http.config, body: undefined, auth: undefined, assertions: [] } },
      errors: {},
    });

    const redis: IntegrationInputRaw = { ...http, kind: "redis", config: { host: "cache", port: 6379, db: 0, tls: false } };
    const redisForm = formFromInput(redis);
    expect(redisForm.kindConfig).toMatchObject({ host: "cache", port: "6379", tls: false });
    expect(inputFromForm(redisForm).input).toMatchObject({ kind: "redis", config: { host: "cache", port: 6379, db: 0, tls: false } });
  });

  it("keeps an unknown stored kind, reports text that does not convert, and starts a chosen kind from its defaults", () => {
    const unknown = formFromInput({ name: "x", kind: "smtp", intervalSeconds: 30, timeoutMs: 1_000, config: {} } as unknown as IntegrationInputRaw);
    expect(unknown).toMatchObject({ kind: "smtp", kindConfig: {} });
    expect(inputFromForm(unknown).input).toMatchObject({ kind: "smtp", config: {} });

    const mcp = { ...formFromInput(), kind: "mcp", kindConfig: { ...kindConfigFor("mcp"), transport: "stdio", command: "node", env: "{not json" } };
    expect(inputFromForm(mcp).errors).toEqual({ "config.env": ["Not valid JSON"] });
    expect(kindConfigFor("postgres")).toMatchObject({ port: "5432", ssl: "disable", query: "SELECT 1" });
    expect(kindConfigFor("http")).toEqual({});
  });

  it("carries locations and quorum both ways, a cleared quorum as null so an edit can remove it", () => {
    const located: IntegrationInputRaw = {
      name: "API",
      kind: "http",
      intervalSeconds: 60,
      timeoutMs: 2_000,
      locations: ["eu-west", "us-east", "ap-south"],
      quorum: 2,
      config: { method: "GET", url: "https://x.test", headers: [], expectedStatus: "2xx" },
    };
    const form = formFromInput(located);
    expect(form).toMatchObject({ locations: ["eu-west", "us-east", "ap-south"], quorum: "2" });
    expect(inputFromForm(form).input).toMatchObject({ locations: ["eu-west", "us-east", "ap-south"], quorum: 2 });
    expect(inputFromForm({ ...form, quorum: " " }).input).toMatchObject({ quorum: null });
    expect(formFromInput()).toMatchObject({ locations: [], quorum: "" });
  });

  it("reports a quorum above the number of locations, and a location that is not a slug, on their fields", () => {
    const form = formFromInput({ name: "API", kind: "http", intervalSeconds: 60, timeoutMs: 2_000, config: { url: "https://x.test" } });
    const tooMany = integrationInputSchema.safeParse(inputFromForm({ ...form, locations: ["eu-west", "us-east"], quorum: "3" }).input);
    expect(tooMany.success ? [] : tooMany.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["quorum", "The quorum cannot exceed the number of locations"],
    ]);
    const notNumber = integrationInputSchema.safeParse(inputFromForm({ ...form, locations: ["eu-west"], quorum: "two" }).input);
    expect(notNumber.success ? [] : notNumber.error.issues.map((i) => i.path.join("."))).toEqual(["quorum"]);
    const badSlug = integrationInputSchema.safeParse(inputFromForm({ ...form, locations: ["eu-west", "EU West"] }).input);
    expect(badSlug.success ? [] : badSlug.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["locations.1", "A location is a slug: lowercase letters, digits and dashes, up to 40"],
    ]);
  });
});
