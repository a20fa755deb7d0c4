// A small MCP server for the CLI's tests, built on the SDK. Its tool list comes in versions: a baseline saved
// against v1 sees breaking changes in v2 (`search` gains a required property, `fetch` is removed, `summarize` is
// added). The servers that break conformance rules are lib/mcp/testing's fixtures.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

export type Toolset = "v1" | "v2";

export function createToolServer(toolset: Toolset): McpServer {
  const server = new McpServer({ name: "tether-cli-fixture", version: toolset === "v1" ? "1.0.0" : "2.0.0" });
  const text = (t: string) => ({ content: [{ type: "text" as const, text: t }] });
  if (toolset === "v1") {
    server.registerTool("search", { description: "Search the docs", inputSchema: { query: z.string(), limit: z.number().optional() } }, async ({ query }) =>
      text(`found ${query}`),
    );
    server.registerTool("fetch", { description: "Fetch a page", inputSchema: { url: z.string() } }, async ({ url }) => text(`fetched ${url}`));
  } else {
    server.registerTool("search", { description: "Search the docs", inputSchema: { query: z.string(), limit: z.number() } }, async ({ query }) =>
      text(`found ${query}`),
    );
    server.registerTool("summarize", { description: "Summarize a page", inputSchema: { url: z.string() } }, async ({ url }) => text(`summary of ${url}`));
  }
  return server;
}
