import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Cursor mcp.json", () => {
  it("reads mcpServers with ${env:NAME} references", () => {
    const { file, byName } = previewOf(fixture("cursor/mcp.json", ".cursor/mcp.json"));
    expect(file).toMatchObject({ client: "cursor", servers: 2 });
    expect(byName("github")).toMatchObject({
      transport: "http",
      target: { url: "https://api.githubcopilot.com/mcp", headers: { Authorization: "Bearer {{secret.GITHUB_TOKEN}}" } },
      secrets: [{ name: "GITHUB_TOKEN", from: "environment variable GITHUB_TOKEN", password: true }],
    });
    expect(byName("everything").target).toMatchObject({ env: { API_KEY: "{{secret.API_KEY}}" } });
  });

  it("is told from Claude Desktop by ${env:} when pasted without its path", () => {
    expect(previewOf(fixture("cursor/mcp.json", "pasted.json")).file.client).toBe("cursor");
  });
});
