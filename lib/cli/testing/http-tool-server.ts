// The CLI's fixture server over streamable HTTP, in the test's process: stateless, behind a bearer token, Origin checked, with its
// tool list switchable between runs (the test changes `toolset`) so a baseline can be saved and then broken.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createToolServer, type Toolset } from "./tool-server";

export interface HttpToolServer {
  url: string;
  toolset: Toolset;
  close(): Promise<void>;
}

export async function startHttpToolServer(token: string): Promise<HttpToolServer> {
  const state: { toolset: Toolset } = { toolset: "v1" };
  let host = "";
  const http: Server = createServer(async (req, res) => {
    if (req.url !== "/mcp") return void res.writeHead(404).end("not here");
    if (req.headers.authorization !== `Bearer ${token}`)
      return void res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_token"}');
    if (req.method !== "POST") return void res.writeHead(405, { allow: "POST" }).end();
    const server = createToolServer(state.toolset);
    // Origin and Host validated, as the spec requires (the HTTP checks send a foreign Origin).
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      enableDnsRebindingProtection: true,
      allowedHosts: [host],
      allowedOrigins: [`http://${host}`],
    });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(http.address() as AddressInfo).port}`;
  const url = `http://${host}/mcp`;
  return {
    url,
    get toolset() {
      return state.toolset;
    },
    set toolset(t: Toolset) {
      state.toolset = t;
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise((r) => http.close(r));
    },
  };
}
