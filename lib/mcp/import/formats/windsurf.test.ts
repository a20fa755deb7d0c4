import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Windsurf mcp_config.json", () => {
  it("reads serverUrl, headers and stdio entries; a /sse serverUrl is legacy SSE", () => {
    const { file, byName } = previewOf(fixture("mcp_config.json", "~/.codeium/windsurf/mcp_config.json"));
    expect(file).toMatchObject({ client: "windsurf", servers: 3 });
    expect(byName("figma")).toMatchObject({
      transport: "http",
      target: { url: "https://mcp.figma.com/mcp", headers: { "X-Api-Key": "{{secret.X_API_KEY}}" } },
      secrets: [{ name: "X_API_KEY", from: "the value of header X-Api-Key in the file", found: "figd_literalKey", password: true }],
    });
    expect(byName("events")).toMatchObject({ transport: "sse", importable: true, config: { transport: "sse" } });
    expect(byName("local")).toMatchObject({ transport: "stdio", target: { command: "uvx", args: ["mcp-server-time"] }, importable: true });
  });
});
