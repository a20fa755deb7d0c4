import { describe, expect, it } from "vitest";
import { fixture, previewOf } from "../testing";

describe("Continue YAML", () => {
  it("reads config.yaml's mcpServers list with ${{ secrets.NAME }} in request headers", () => {
    const { file, byName } = previewOf(fixture("continue/config.yaml", "~/.continue/config.yaml"));
    expect(file).toMatchObject({ client: "continue", servers: 2 });
    expect(byName("SQLite")).toMatchObject({ transport: "stdio", target: { args: ["-y", "mcp-sqlite", "/data/app.db"] }, foundIn: [{ line: 5, column: 5 }] });
    expect(byName("Search")).toMatchObject({
      transport: "http",
      target: { url: "https://search.example.com/mcp", headers: { Authorization: "Bearer {{secret.SEARCH_TOKEN}}" } },
      secrets: [{ name: "SEARCH_TOKEN", from: "Continue secret SEARCH_TOKEN", password: true }],
    });
  });

  it("reads a block from .continue/mcpServers/", () => {
    const { file, byName } = previewOf(fixture("continue/mcpServers/playwright.yaml", ".continue/mcpServers/playwright.yaml"));
    expect(file.client).toBe("continue");
    expect(byName("Browser")).toMatchObject({ target: { command: "npx", env: { BROWSER_TOKEN: "{{secret.BROWSER_TOKEN}}" } } });
  });

  it("reports broken YAML with line and column", () => {
    const { file } = previewOf(fixture("broken/config.yaml", ".continue/config.yaml"));
    expect(file.error).toMatchObject({ line: 4, column: 1, message: expect.stringMatching(/^Not valid YAML at line 4, column 1: /) });
  });
});
