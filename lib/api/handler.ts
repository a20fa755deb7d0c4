// Route-handler glue (STYLE.md principle 8): every route declares its policy, and this one place resolves who
// is calling, enforces the role, checks the origin of cookie-authenticated writes (CSRF), parses, and turns
// any error into the one error shape. The declared policy is attached to the handler, so a test can list the
// policy of every route and a route without one fails it.
import { z } from "zod";
import { ApiError, toErrorResponse } from "./errors";
import { requestClientAddress } from "../http/client-address";
import { createLogger } from "../observability/logger";
import { db } from "../db/client";
import { authSecret } from "../auth/secret";
import { resolvePrincipal, type Principal } from "../auth/principal";
import { atLeast, type Policy, type Role } from "../auth/roles";
import { readEnv } from "../config/env";

const log = createLogger("api");

export interface RouteContext<P> {
  params: P;
  principal: Principal | null;
  ip: string;
}

export interface AuthedContext<P> extends RouteContext<P> {
  principal: Principal;
}

type NextContext<P> = { params: Promise<P> };
export type RouteHandler<P> = ((req: Request, ctx: NextContext<P>) => Promise<Response>) & { policy: Policy };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The client address, as our own server read it from the socket (and trusted proxies only): lib/http/client-address.ts. */
export function clientIp(req: Request): string {
  return requestClientAddress((name) => req.headers.get(name));
}

/**
 * Cookie-authenticated writes must come from our own pages: the browser's Origin (or Sec-Fetch-Site) must
 * match the host. Token-authenticated calls carry no ambient credentials, so they need no check.
 */
export function checkSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host && new URL(origin).host === host) return;
  throw ApiError.forbidden("Cross-site request refused: send writes from Tether's own pages or with an API token");
}

function send(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

export function route<P = Record<string, never>>(policy: "public", fn: (req: Request, ctx: RouteContext<P>) => Promise<unknown>): RouteHandler<P>;
export function route<P = Record<string, never>>(policy: "metrics", fn: (req: Request, ctx: RouteContext<P>) => Promise<unknown>): RouteHandler<P>;
export function route<P = Record<string, never>>(policy: Role, fn: (req: Request, ctx: AuthedContext<P>) => Promise<unknown>): RouteHandler<P>;
export function route<P>(policy: Policy, fn: (req: Request, ctx: AuthedContext<P>) => Promise<unknown>): RouteHandler<P> {
  const handler = async (req: Request, next: NextContext<P>): Promise<Response> => {
    try {
      const principal = await resolvePrincipal(db(), req, authSecret());
      if (policy === "metrics") requireMetricsAccess(principal);
      else if (policy !== "public") {
        if (!principal) throw new ApiError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`");
        if (!atLeast(principal.role, policy)) throw ApiError.forbidden(`This needs the ${policy} role; you have ${principal.role}`);
      }
      // Only a session cookie is an ambient credential a cross-site page could ride on; tokens, signed webhooks
      // and anonymous calls to public routes carry none.
      if (!SAFE_METHODS.has(req.method) && principal?.kind === "user") checkSameOrigin(req);
      const ctx = { params: await next.params, principal, ip: clientIp(req) } as AuthedContext<P>;
      const result = await fn(req, ctx);
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return send(result);
    } catch (err) {
      const { status, body, headers } = toErrorResponse(err);
      if (status >= 500) log.error(`${req.method} ${new URL(req.url).pathname} failed`, { error: err instanceof Error ? err.message : String(err) });
      return Response.json(body, { status, headers });
    }
  };
  return Object.assign(handler, { policy });
}

/** The metrics scrape: open when TETHER_METRICS_PUBLIC=true, else only an API token that carries the metrics scope. */
function requireMetricsAccess(principal: Principal | null): void {
  if (readEnv().TETHER_METRICS_PUBLIC) return;
  if (!principal)
    throw new ApiError("unauthenticated", "Send an API token with the metrics scope as `Authorization: Bearer <token>` (or set TETHER_METRICS_PUBLIC=true)");
  if (principal.kind !== "token" || !principal.scopes.includes("metrics"))
    throw ApiError.forbidden("Scraping /metrics needs an API token with the metrics scope; create one under Settings → API tokens");
}

/** Marks a handler from a library (next-auth) with its policy, for the route-policy test. */
export function declarePolicy<H extends (...args: never[]) => unknown>(policy: Policy, handler: H): H & { policy: Policy } {
  return Object.assign(handler, { policy });
}

export function created(body: unknown): Response {
  return send(body, 201);
}

export async function readJson(req: Request, maxBytes = 256 * 1024): Promise<unknown> {
  const text = await req.text();
  if (text.length > maxBytes) throw new ApiError("payload_too_large", `The body may be at most ${Math.round(maxBytes / 1024)} KiB`);
  if (!text) throw ApiError.badRequest("Send a JSON body");
  try {
    return JSON.parse(text);
  } catch {
    throw ApiError.badRequest("The body is not valid JSON");
  }
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

const uuid = z.uuid();

/** An id path parameter; anything that is not a UUID cannot exist, so it is a 404, not a 400. */
export function parseId(value: unknown, what = "integration"): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw ApiError.notFound(what);
  return parsed.data;
}
