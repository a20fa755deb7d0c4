import { describe, expect, it } from "vitest";
import { mcpAllowedOrigins } from "./http";

describe("mcpAllowedOrigins", () => {
  it("is Tether's public origin, plus the configured ones, each reduced to its origin", () => {
    expect(mcpAllowedOrigins({ NEXTAUTH_URL: "https://tether.example.com/" })).toEqual(["https://tether.example.com"]);
    expect(
      mcpAllowedOrigins({ TETHER_PUBLIC_URL: "http://localhost:3000", TETHER_MCP_ALLOWED_ORIGINS: " http://localhost:6274/ , https://agents.example.com" }),
    ).toEqual(["http://localhost:3000", "http://localhost:6274", "https://agents.example.com"]);
    expect(mcpAllowedOrigins({ PORT: "4000" })).toEqual(["http://localhost:4000"]);
  });
});
