// next-auth's own handler on a local HTTP port, for tests that drive a sign-in over real HTTP without building the
// app: the same glue as app/api/auth/[...nextauth]/route.ts (the provider-error redirect, then next-auth with
// options built per request), through next-auth's Node entry point instead of the App Router's.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import NextAuth, { type NextAuthOptions } from "next-auth";
import { providerErrorRedirect } from "../oidc/provider-error";
import type { SessionContext } from "../sessions";

export interface NextAuthServer {
  url: string;
  close(): Promise<void>;
}

type ApiRequest = IncomingMessage & { query: Record<string, unknown>; body: unknown; cookies: Record<string, string> };
type ApiResponse = ServerResponse & { status(code: number): ApiResponse; json(body: unknown): void; send(body: unknown): void };

function cookiesOf(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return out;
}

export async function startNextAuthServer(options: (context: SessionContext) => NextAuthOptions, port = 0): Promise<NextAuthServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const early = providerErrorRedirect(new Request(url, { method: req.method }));
    if (early) {
      res.writeHead(early.status, Object.fromEntries(early.headers)).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const api = Object.assign(req, {
      query: { ...Object.fromEntries(url.searchParams), nextauth: url.pathname.replace(/^\/api\/auth\//, "").split("/") },
      body: req.headers["content-type"]?.includes("application/x-www-form-urlencoded")
        ? Object.fromEntries(new URLSearchParams(text))
        : text
          ? JSON.parse(text)
          : {},
      cookies: cookiesOf(req.headers.cookie),
    }) as ApiRequest;
    const out = Object.assign(res, {
      status: (code: number) => ((res.statusCode = code), out),
      json: (body: unknown) => res.setHeader("content-type", "application/json").end(JSON.stringify(body)),
      send: (body: unknown) => res.end(typeof body === "string" ? body : JSON.stringify(body)),
    }) as ApiResponse;
    await NextAuth(api as never, out as never, options({ ip: req.socket.remoteAddress, userAgent: req.headers["user-agent"] }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
