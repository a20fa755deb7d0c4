// A stateless MCP server of revision 2026-07-28, written against the stored spec text (docs/specification/
// 2026-07-28/basic/transports/streamable-http.mdx, basic/versioning.mdx, schema/2026-07-28/schema.ts), since the
// SDK in use predates it: no initialize and no session; every POST carries `_meta` with its revision, identity and
// capabilities, mirrored in MCP-Protocol-Version / Mcp-Method / Mcp-Name, and each header is checked against the
// body (400 + HeaderMismatch -32020); an unknown revision gets 400 + UnsupportedProtocolVersionError (-32022); an
// unknown method 404 + -32601; GET and DELETE 405; a foreign Origin 403. It offers server/discover, tools/list
// and tools/call of one `echo` tool.
import type { IncomingMessage, ServerResponse } from "node:http";
import { listen, readBody, sendJson, type RunningServer } from "./listen";

export const MODERN_VERSION = "2026-07-28";
const SERVER_INFO = { name: "tether-modern-fixture", version: "2.0.0" };
const TOOLS = [
  {
    name: "echo",
    description: "Returns its text",
    inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
  },
];

export interface ModernFixture extends RunningServer {
  url: string;
  /** The methods received, in order (to prove no initialize was sent). */
  methods: string[];
}

type Rpc = { jsonrpc?: unknown; id?: string | number; method?: unknown; params?: Record<string, unknown> };

function decodeHeader(value: string): string {
  const m = /^=\?base64\?(.*)\?=$/.exec(value);
  return m ? Buffer.from(m[1]!, "base64").toString("utf8") : value;
}

function rpcError(res: ServerResponse, status: number, id: Rpc["id"], code: number, message: string, data?: unknown): void {
  sendJson(res, status, { jsonrpc: "2.0", ...(id === undefined ? {} : { id }), error: { code, message, ...(data === undefined ? {} : { data }) } });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === "string" ? v : undefined;
}

/** `versions`: the revisions it supports (2026-07-28 by default); one without it answers everything with -32022. */
export async function startModernFixture(options: { versions?: string[] } = {}): Promise<ModernFixture> {
  const versions = options.versions ?? [MODERN_VERSION];
  const methods: string[] = [];
  const server = await listen(async (req, res, origin) => {
    if (new URL(req.url ?? "/", origin).pathname !== "/mcp") return sendJson(res, 404, { error: "not found" });
    if (req.headers.origin && req.headers.origin !== origin) return rpcError(res, 403, undefined, -32000, "Forbidden origin");
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    let rpc: Rpc;
    try {
      rpc = JSON.parse(await readBody(req)) as Rpc;
    } catch {
      return rpcError(res, 400, undefined, -32700, "Parse error");
    }
    if (rpc.jsonrpc !== "2.0" || typeof rpc.method !== "string") return rpcError(res, 400, rpc.id, -32600, "Invalid request");
    const method = rpc.method;
    methods.push(method);
    if (rpc.id === undefined) return void res.writeHead(202).end();

    const meta = (rpc.params?._meta ?? {}) as Record<string, unknown>;
    const bodyVersion = meta["io.modelcontextprotocol/protocolVersion"];
    const headerVersion = header(req, "mcp-protocol-version");
    if (!headerVersion || !header(req, "mcp-method"))
      return rpcError(res, 400, rpc.id, -32020, "Header mismatch: MCP-Protocol-Version and Mcp-Method are required");
    if (typeof bodyVersion === "string" && bodyVersion !== headerVersion)
      return rpcError(res, 400, rpc.id, -32020, `Header mismatch: MCP-Protocol-Version ${headerVersion} does not match _meta ${bodyVersion}`);
    if (!versions.includes(headerVersion) || headerVersion !== MODERN_VERSION)
      return rpcError(res, 400, rpc.id, -32022, "Unsupported protocol version", { supported: versions, requested: headerVersion });
    if (typeof bodyVersion !== "string" || typeof meta["io.modelcontextprotocol/clientCapabilities"] !== "object")
      return rpcError(res, 400, rpc.id, -32602, "params._meta must carry protocolVersion and clientCapabilities");
    if (header(req, "mcp-method") !== method) return rpcError(res, 400, rpc.id, -32020, "Header mismatch: Mcp-Method does not match the body");

    const result = (body: Record<string, unknown>) =>
      sendJson(res, 200, {
        jsonrpc: "2.0",
        id: rpc.id,
        result: { resultType: "complete", ...body, _meta: { "io.modelcontextprotocol/serverInfo": SERVER_INFO } },
      });
    switch (method) {
      case "server/discover":
        return result({
          supportedVersions: [MODERN_VERSION],
          capabilities: { tools: {} },
          instructions: "An echo server.",
          ttlMs: 60_000,
          cacheScope: "public",
        });
      case "tools/list":
        return result({ tools: TOOLS, ttlMs: 60_000, cacheScope: "public" });
      case "tools/call": {
        const name = rpc.params?.name;
        const mcpName = header(req, "mcp-name");
        if (!mcpName || decodeHeader(mcpName) !== name) return rpcError(res, 400, rpc.id, -32020, "Header mismatch: Mcp-Name does not match params.name");
        if (name !== "echo") return rpcError(res, 200, rpc.id, -32602, `Unknown tool ${String(name)}`);
        const args = (rpc.params?.arguments ?? {}) as { text?: unknown };
        return result({ content: [{ type: "text", text: `echo: ${String(args.text)}` }] });
      }
      default:
        return rpcError(res, 404, rpc.id, -32601, `Method not found: ${method}`);
    }
  });
  return { ...server, url: `${server.origin}/mcp`, methods };
}
