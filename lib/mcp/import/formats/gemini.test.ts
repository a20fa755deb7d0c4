import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Gemini CLI settings.json", () => {
  it("reads httpUrl as streamable HTTP, url as SSE, headers, timeout, includeTools and $VAR", () => {
    const { file, byName } = previewOf(fixture("gemini/settings.json", ".gemini/settings.json"));
    expect(file).toMatchObject({ client: "gemini", servers: 3 });
    expect(byName("httpServer")).toMatchObject({
      transport: "http",
      target: { url: "https://api.example.com/mcp/", headers: { Authorization: "Bearer {{secret.API_TOKEN}}" } },
      timeoutMs: 5000,
      warnings: ["includeTools (search, fetch) limits what Gemini CLI uses; Tether checks every tool the server lists"],
      importable: true,
    });
    expect(byName("sseServer")).toMatchObject({ transport: "sse", target: { headers: { "X-Key": "{{secret.SSE_KEY}}" } }, importable: true });
    expect(byName("python")).toMatchObject({ transport: "stdio", target: { env: { DB: "{{secret.DB_URL}}" } }, timeoutMs: 15000 });
  });
});
