import { describe, expect, it } from "vitest";
import { mcpConfigSchema } from "./config";
import { resultExcerpt } from "../../mcp/conformance/smoke";

function errorsOf(input: unknown): Record<string, string[]> {
  const parsed = mcpConfigSchema.safeParse(input);
  if (parsed.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

describe("MCP config", () => {
  it("applies defaults for each transport", () => {
    expect(mcpConfigSchema.parse({ transport: "http", url: "https://mcp.example.com/mcp" })).toEqual({
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headers: [],
    });
    expect(mcpConfigSchema.parse({ transport: "stdio", command: "npx", smokeTool: { name: "search" } })).toEqual({
      transport: "stdio",
      command: "npx",
      args: [],
      env: {},
      smokeTool: { name: "search", arguments: {} },
    });
  });

  it("keeps secret placeholders as plain strings", () => {
    const parsed = mcpConfigSchema.parse({
      transport: "http",
      url: "https://mcp.example.com/mcp",
      headers: [{ name: "Authorization", value: "Bearer {{secret.MCP_TOKEN}}" }],
      smokeTool: { name: "search", arguments: { apiKey: "{{secret.KEY}}" } },
    });
    expect(parsed).toMatchObject({ headers: [{ value: "Bearer {{secret.MCP_TOKEN}}" }], smokeTool: { arguments: { apiKey: "{{secret.KEY}}" } } });
  });

  it("explains the obvious mistakes", () => {
    expect(errorsOf({ url: "https://mcp.example.com/mcp" })).toEqual({ transport: ['Choose how to reach the server: "http", "sse" or "stdio"'] });
    expect(errorsOf({ transport: "http", url: "mcp.example.com" })).toEqual({
      url: ["Enter a full http:// or https:// URL, e.g. https://mcp.example.com/mcp"],
    });
    expect(errorsOf({ transport: "http", url: "https://x.example/mcp", headers: [{ name: "Bad Header", value: "v" }] })).toEqual({
      "headers.0.name": ["Not a valid header name"],
    });
    expect(errorsOf({ transport: "stdio", command: "" })).toEqual({ command: ["Enter the command that starts the server"] });
    expect(errorsOf({ transport: "stdio", command: "npx -y @acme/mcp" })).toEqual({
      command: ["Enter only the program here; put its arguments in the argument list"],
    });
    expect(errorsOf({ transport: "stdio", command: "node", env: { "1BAD": "x" } })).toEqual({
      "env.1BAD": ["Environment variable names use letters, digits and _ and do not start with a digit"],
    });
    expect(errorsOf({ transport: "stdio", command: "node", smokeTool: { name: "", arguments: [] } })).toEqual({
      "smokeTool.name": ["Enter the name of the tool to call"],
      "smokeTool.arguments": ["The arguments must be a JSON object"],
    });
  });
});

describe("MCP tool result excerpt", () => {
  it("prefers text content, then structured content, and stays short", () => {
    expect(resultExcerpt({ content: [{ type: "text", text: "a\n b" }, { type: "image" }] })).toBe("a b [image]");
    expect(resultExcerpt({ content: [], structuredContent: { ok: true } })).toBe('{"ok":true}');
    expect(resultExcerpt({ content: [{ type: "text", text: "x".repeat(500) }] })).toHaveLength(200);
  });
});
