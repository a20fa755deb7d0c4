// A real MCP server (the SDK's low-level Server, stateless streamable HTTP on a local port) whose tools/list answers
// with exactly the definitions a test sets, so a test can change the tool list between probe runs.
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import type { ToolDefinition } from "../../types";

export interface ToolListServer {
  url: string;
  setTools(tools: ToolDefinition[]): void;
  close(): Promise<void>;
}

export async function startToolListServer(initial: ToolDefinition[]): Promise<ToolListServer> {
  let tools = initial;
  const http: HttpServer = createServer(async (req, res) => {
    if (req.url !== "/mcp") return void res.writeHead(404).end("not here");
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const server = new Server({ name: "tether-tool-list", version: "1.0.0" }, { capabilities: { tools: {} } });
    const listed = tools;
    server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: listed as never }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => ({ content: [{ type: "text", text: `called ${request.params.name}` }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    setTools: (next) => void (tools = next),
    close: async () => {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}
