import { describe, expect, it } from "vitest";
import { configFromRaw, rawFromConfig, visibleFields } from "./kind-form";

describe("kind form conversion", () => {
  it("round-trips a postgres config through the form's text", () => {
    const config = {
      host: "db.internal",
      port: 5432,
      database: "app",
      user: "monitor",
      password: "{{secret.PG}}",
      ssl: "require",
      query: "SELECT 1",
      maxReplicationLagSeconds: 30,
    };
    const raw = rawFromConfig("postgres", config);
    expect(raw).toMatchObject({ host: "db.internal", port: "5432", maxReplicationLagSeconds: "30" });
    expect(configFromRaw("postgres", raw)).toEqual({ config, errors: {} });
  });

  it("applies the kind's defaults to a new form and leaves empty optional fields out", () => {
    const raw = rawFromConfig("tls", undefined);
    expect(raw).toMatchObject({ port: "443", minDaysLeft: "14", allowUntrusted: false, host: "" });
    expect(configFromRaw("tls", { ...raw, host: "api.example.com" }).config).toEqual({
      host: "api.example.com",
      port: 443,
      minDaysLeft: 14,
      allowUntrusted: false,
    });
  });

  it("shows fields by transport, converts lists, headers and JSON, and reports bad JSON by field", () => {
    const http = rawFromConfig("mcp", {
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headers: [{ name: "Authorization", value: "Bearer {{secret.T}}" }],
    });
    expect(visibleFields("mcp", http).map((f) => f.key)).toEqual(["transport", "url", "headers", "smokeTool.name", "failOn"]);
    expect(configFromRaw("mcp", http).config).toEqual({
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headers: [{ name: "Authorization", value: "Bearer {{secret.T}}" }],
    });

    const stdio = {
      ...http,
      transport: "stdio",
      command: "npx",
      args: "-y\nserver",
      env: '{"KEY": "1"}',
      "smokeTool.name": "ping",
      "smokeTool.arguments": "{oops",
    };
    expect(visibleFields("mcp", stdio).map((f) => f.key)).toEqual(["transport", "command", "args", "env", "smokeTool.name", "smokeTool.arguments", "failOn"]);
    expect(configFromRaw("mcp", stdio)).toEqual({
      config: { transport: "stdio", command: "npx", args: ["-y", "server"], env: { KEY: "1" }, smokeTool: { name: "ping" } },
      errors: { "config.smokeTool.arguments": ["Not valid JSON"] },
    });
  });
});
