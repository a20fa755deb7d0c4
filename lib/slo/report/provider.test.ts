import { describe, expect, it } from "vitest";
import { providerOf, targetHost } from "./provider";

describe("providerOf", () => {
  it("names the preset whose API domain the check calls, variants and other hosts of it included", () => {
    expect(providerOf({ kind: "http", config: { url: "https://api.stripe.com/v1/balance" } })).toBe("Stripe");
    expect(providerOf({ kind: "http", config: { url: "https://files.stripe.com/v1/files" } })).toBe("Stripe");
    expect(providerOf({ kind: "http", config: { url: "https://api.datadoghq.eu/api/v1/validate" } })).toBe("Datadog");
    expect(providerOf({ kind: "graphql", config: { url: "https://api.github.com/graphql" } })).toBe("GitHub");
    expect(providerOf({ kind: "http", config: { url: "https://api.twilio.com/2010-04-01/Accounts/{{secret.SID}}.json" } })).toBe("Twilio");
  });
  it("falls back to the host, then to the kind", () => {
    expect(providerOf({ kind: "http", config: { url: "https://api.example.com/health" } })).toBe("api.example.com");
    expect(providerOf({ kind: "postgres", config: { host: "DB.internal", port: 5432 } })).toBe("db.internal");
    expect(providerOf({ kind: "mcp", config: { transport: "stdio", command: "npx" } })).toBe("Other (mcp)");
    expect(targetHost(null)).toBeNull();
    expect(targetHost({ url: "not a url" })).toBeNull();
  });
});
