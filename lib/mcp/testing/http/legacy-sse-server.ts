// A legacy MCP server on the SDK's SSEServerTransport (HTTP+SSE, protocol 2024-11-05): GET /sse opens the event
// stream whose first event names the POST endpoint, POST /messages?sessionId=… carries the client's messages.
// A POST to /sse is refused with 405, as such servers do, which is what sends a client back to the GET. Origin
// is validated on both (the SDK checks the POSTs; the GET is checked here, since the SDK does not).
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { createFixtureServer } from "../../../probes/mcp/fixtures/fixture-server";
import { listen, sendJson, type RunningServer } from "./listen";

export interface LegacySseFixture extends RunningServer {
  /** The SSE endpoint, `<origin>/sse`: what a client config names. */
  url: string;
}

/** `acceptAnyOrigin`: the Origin of the GET is not checked (as the SDK's transport alone does not). */
export async function startLegacySseFixture(options: { acceptAnyOrigin?: boolean } = {}): Promise<LegacySseFixture> {
  const transports = new Map<string, SSEServerTransport>();
  const server = await listen(async (req, res, origin) => {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/sse") {
      if (req.method !== "GET") return void res.writeHead(405, { allow: "GET" }).end();
      if (!options.acceptAnyOrigin && req.headers.origin && req.headers.origin !== origin) return void res.writeHead(403).end("Forbidden origin");
      const transport = new SSEServerTransport("/messages", res, { enableDnsRebindingProtection: true, allowedOrigins: [origin], allowedHosts: [url.host] });
      transports.set(transport.sessionId, transport);
      const mcp = createFixtureServer("tether-sse-fixture");
      res.on("close", () => {
        transports.delete(transport.sessionId);
        void mcp.close();
      });
      await mcp.connect(transport);
      return;
    }
    if (url.pathname === "/messages" && req.method === "POST") {
      const transport = transports.get(url.searchParams.get("sessionId") ?? "");
      if (!transport) return sendJson(res, 404, { error: "unknown session" });
      return transport.handlePostMessage(req, res);
    }
    sendJson(res, 404, { error: "not found" });
  });
  return { ...server, url: `${server.origin}/sse` };
}
