// A small MCP server for the CLI's tests, built on the SDK. Its tool list comes in versions: a baseline saved
// against v1 sees breaking changes in v2 (`search` gains a required property, `fetch` is removed, `summarize` is
// added); "broken" lists tools that break the naming rules (a name with a space: a warning; one name twice: an error).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

export type Toolset = "v1" | "v2" | "broken";

export const TOOLSETS: readonly Toolset[] = ["v1", "v2", "broken"];

export function createToolServer(toolset: Toolset): McpServer | Server {
  if (toolset === "broken") return brokenServer();
  const server = new McpServer({ name: "tether-cli-fixture", version: toolset === "v1" ? "1.0.0" : "2.0.0" });
  const text = (t: string) => ({ content: [{ type: "text" as const, text: t }] });
  if (toolset === "v1") {
    server.registerTool("search", { description: "Search the docs", inputSchema: { query: z.string(), limit: z.number().optional() } }, async ({ query }) => text(`found ${query}`));
    server.registerTool("fetch", { description: "Fetch a page", inputSchema: { url: z.string() } }, async ({ url }) => text(`fetched ${url}`));
  } else {
    server.registerTool("search", { description: "Search the docs", inputSchema: { query: z.string(), limit: z.number() } }, async ({ query }) => text(`found ${query}`));
    server.registerTool("summarize", { description: "Summarize a page", inputSchema: { url: z.string() } }, async ({ url }) => text(`summary of ${url}`));
  }
  return server;
}

/** The low-level SDK server, which lists whatever it is given (McpServer refuses a duplicate name). */
function brokenServer(): Server {
  const server = new Server({ name: "tether-cli-broken", version: "0.0.1" }, { capabilities: { tools: {} } });
  const schema = { type: "object", properties: {} };
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      { name: "bad name", description: "A space in its name", inputSchema: schema },
      { name: "twice", description: "Listed twice", inputSchema: schema },
      { name: "twice", description: "Listed twice", inputSchema: schema },
    ],
  }));
  return server;
}
