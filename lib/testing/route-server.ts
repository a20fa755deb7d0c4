// Serves App Router route handlers on a real local port for tests: node:http in, a web Request to the handler, its
// Response written back. Only what a route handler needs: the URL as the client sent it, method, headers and body.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { parseTrustedProxies, stampClientAddress } from "../http/client-address";

export type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface RouteServer {
  origin: string;
  close(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A route module's exports; `params: Promise<never>` admits every handler, whatever its typed params. */
type RouteModule = Partial<Record<string, (req: Request, ctx: { params: Promise<never> }) => Promise<Response>>>;

/** A route's path as its folders name it: `/api/integrations/[id]/probe` matches `/api/integrations/abc/probe`. */
function matchRoute(routes: Record<string, RouteModule>, pathname: string): { module: RouteModule; params: Record<string, string> } | undefined {
  if (routes[pathname]) return { module: routes[pathname], params: {} };
  const parts = pathname.split("/");
  for (const [pattern, module] of Object.entries(routes)) {
    const segments = pattern.split("/");
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = segments.every((segment, i) => {
      const param = /^\[(\w+)\]$/.exec(segment);
      if (!param) return segment === parts[i];
      params[param[1]!] = decodeURIComponent(parts[i]!);
      return parts[i] !== "";
    });
    if (matches) return { module, params };
  }
  return undefined;
}

/**
 * `routes` maps a path to the route module's handlers by method (`{ "/api/mcp": { POST, GET } }`); a `[name]`
 * segment matches any one segment and reaches the handler as `params.name`, as in the App Router.
 */
export async function serveRoutes(routes: Record<string, RouteModule>): Promise<RouteServer> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const matched = matchRoute(routes, url.pathname);
      const handler = matched?.module[req.method ?? "GET"];
      if (!matched || !handler) return void res.writeHead(404).end();
      // As lib/http/web-server.ts does: the caller's address from the socket, for rate limits and the audit log.
      stampClientAddress(req, parseTrustedProxies(undefined));
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const data = await body(req);
      const response = await handler(new Request(url, { method: req.method, headers, body: data?.length ? new Uint8Array(data) : undefined }), {
        params: Promise.resolve(matched.params) as Promise<never>,
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
