// MCP servers built on the SDK for tests (the engine's, the probe's, the CLI's): one that conforms and one per
// rule broken. Each is a factory (a fresh server per connection), served over streamable HTTP by ./serve.ts or
// over stdio by ./stdio-fixture.ts. `expectRule` is the finding each exists to produce.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  CallToolRequestSchema,
  InitializeRequestSchema,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ErrorCode,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

type Factory = () => McpServer | Server;

const info = (name: string) => ({ name: `tether-fixture-${name}`, version: "1.0.0" });
const objectSchema = { type: "object", properties: { q: { type: "string" } } };

/** A low-level server listing exactly `tools` (no SDK-side checks in the way) and answering calls with `call`. */
function toolsServer(name: string, tools: Record<string, unknown>[], call?: (tool: string) => Record<string, unknown>): Server {
  const server = new Server(info(name), { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, (req) => {
    if (!call) throw new McpError(ErrorCode.MethodNotFound, "no calls here");
    return call(req.params.name) as never;
  });
  return server;
}

/** Answers initialize with a fixed revision, whatever the client asked for. */
function pinned(name: string, protocolVersion: string): Server {
  const server = toolsServer(name, [{ name: "ping", inputSchema: objectSchema }]);
  server.setRequestHandler(InitializeRequestSchema, () => ({ protocolVersion, capabilities: { tools: {} }, serverInfo: info(name) }));
  return server;
}

export const FIXTURES = {
  /** Follows every rule: tools with input and output schemas (the output one returns matching content), a resource, a prompt. */
  conforming: {
    expectRule: null,
    create: () => {
      const server = new McpServer(info("conforming"), { capabilities: { resources: {}, prompts: {} } });
      server.registerTool("echo", { description: "Returns its text", inputSchema: { text: z.string() } }, async ({ text }) => ({
        content: [{ type: "text", text: `echo: ${text}` }],
      }));
      server.registerTool(
        "forecast",
        { description: "Weather for a city", inputSchema: { city: z.string() }, outputSchema: { city: z.string(), tempC: z.number() } },
        async ({ city }) => ({ content: [{ type: "text", text: `${city}: 21 C` }], structuredContent: { city, tempC: 21 } }),
      );
      server.registerResource("readme", "fixture://readme", { mimeType: "text/plain" }, async (uri) => ({ contents: [{ uri: uri.href, text: "hello" }] }));
      server.registerPrompt("greet", { description: "Says hello" }, () => ({ messages: [{ role: "user", content: { type: "text", text: "hello" } }] }));
      return server;
    },
  },
  "bad-tool-name": {
    expectRule: "tool-name-invalid",
    create: () => toolsServer("bad-tool-name", [{ name: "search docs!", inputSchema: objectSchema }]),
  },
  "duplicate-tool-name": {
    expectRule: "tool-name-duplicate",
    create: () =>
      toolsServer("duplicate-tool-name", [
        { name: "search", description: "v1", inputSchema: objectSchema },
        { name: "search", description: "v2", inputSchema: objectSchema },
      ]),
  },
  "schema-invalid": {
    expectRule: "input-schema-invalid",
    create: () => toolsServer("schema-invalid", [{ name: "lookup", inputSchema: { type: "object", properties: { q: { type: "strnig" } } } }]),
  },
  /** `forecast` returns structuredContent of the wrong shape; `forecast_text` returns none at all. */
  "output-mismatch": {
    expectRule: "output-schema-mismatch",
    create: () =>
      toolsServer(
        "output-mismatch",
        [
          {
            name: "forecast",
            inputSchema: objectSchema,
            outputSchema: { type: "object", properties: { tempC: { type: "number" }, city: { type: "string" } }, required: ["tempC", "city"] },
          },
          { name: "forecast_text", inputSchema: objectSchema, outputSchema: { type: "object", properties: { tempC: { type: "number" } } } },
        ],
        (tool) =>
          tool === "forecast"
            ? { content: [{ type: "text", text: "warm" }], structuredContent: { tempC: "warm" } }
            : { content: [{ type: "text", text: "21 C" }] },
      ),
  },
  /** tools/list hands out the same cursor again on its second page. */
  "looping-cursor": {
    expectRule: "pagination-cursor-repeated",
    create: () => {
      const server = new Server(info("looping-cursor"), { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, (req) => ({
        tools: [{ name: req.params?.cursor ? "page_two" : "page_one", inputSchema: objectSchema }],
        nextCursor: "again",
      }));
      return server;
    },
  },
  /** tools/list always has a next page, each cursor new. */
  "endless-pages": {
    expectRule: "pagination-page-cap",
    create: () => {
      const server = new Server(info("endless-pages"), { capabilities: { tools: {} } });
      server.setRequestHandler(ListToolsRequestSchema, (req) => {
        const page = Number(req.params?.cursor ?? "0");
        return { tools: [{ name: `tool_${page}`, inputSchema: objectSchema }], nextCursor: String(page + 1) };
      });
      return server;
    },
  },
  /** Advertises resources; resources/list fails and resources/templates/list is not served. */
  "resources-failing": {
    expectRule: "capability-list-failed",
    create: () => {
      const server = new Server(info("resources-failing"), { capabilities: { tools: {}, resources: {} } });
      server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [{ name: "ping", inputSchema: objectSchema }] }));
      server.setRequestHandler(ListResourcesRequestSchema, () => {
        throw new McpError(ErrorCode.InternalError, "resource backend unavailable");
      });
      return server;
    },
  },
  "old-protocol": {
    expectRule: "protocol-version-old",
    create: () => pinned("old-protocol", "2024-11-05"),
  },
  /** Over stdio only: over HTTP the SDK's own server transport refuses the unknown revision in the header. */
  "unknown-protocol": {
    expectRule: "protocol-version-unknown",
    create: () => pinned("unknown-protocol", "2099-01-01"),
  },
} satisfies Record<string, { expectRule: string | null; create: Factory }>;

export type FixtureName = keyof typeof FIXTURES;

export function isFixtureName(name: string): name is FixtureName {
  return Object.hasOwn(FIXTURES, name);
}
