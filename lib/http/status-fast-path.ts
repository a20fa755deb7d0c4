// Public status pages answered straight from node:http, before Next, out of the in-memory snapshot cache
// (lib/status-pages/snapshot/cache.ts): the page HTML, summary.json, status.json, badges and the widget, with
// ETag / 304 and the precompressed body the client accepts. Only pages whose access is public are served here;
// for a protected page, an unknown slug or anything else, this answers nothing and Next (which checks access) does.
import type { IncomingMessage, ServerResponse } from "node:http";
import { badgeKindOf } from "../status-pages/snapshot/badge-svg";
import { badgeKey, type Asset, type CachedPage, type Encoding, type StatusSnapshotCache } from "../status-pages/snapshot/cache";

const PREFIX = "/status/";

/** Which of a page's assets a path below the page names ("" is the page itself), or null. */
export function assetOf(page: CachedPage, rest: string, onHost: boolean): Asset | null {
  if (rest === "" || rest === "/") return onHost ? page.hostHtml : rest === "" ? page.html : null;
  if (rest === "/api/v2/summary.json") return page.summary;
  if (rest === "/api/v2/status.json") return page.status;
  if (rest === "/widget") return page.widget;
  if (rest.startsWith("/badge/")) {
    const parts = rest.slice(7).split("/");
    const kind = parts.length === 2 ? badgeKindOf(parts[1]!) : null;
    return kind ? (page.badges.get(badgeKey(parts[0]!, kind)) ?? null) : null;
  }
  return null;
}

/** The encoding to send: brotli, then gzip, when the client lists them. */
export function encodingFor(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return "identity";
  if (acceptEncoding.includes("br")) return "br";
  if (acceptEncoding.includes("gzip")) return "gzip";
  return "identity";
}

function send(asset: Asset, req: IncomingMessage, res: ServerResponse): void {
  if (req.headers["if-none-match"] === asset.etag) {
    res.writeHead(304, asset.notModified()).end();
    return;
  }
  const { body, headers } = asset.variant(encodingFor(req.headers["accept-encoding"]));
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Host header without its port, lower case. */
const hostOf = (req: IncomingMessage) => (req.headers.host ?? "").replace(/:\d+$/, "").toLowerCase();

/**
 * Answers the request when it is a public status page asset in the cache and returns true; else returns false,
 * having at most rewritten `req.url` (a custom host's path onto `/status/<slug>/...`) for Next to answer.
 */
export function answerStatusFast(cache: StatusSnapshotCache, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  let page: CachedPage | undefined;
  let rest: string;
  let onHost = false;
  if (path.startsWith(PREFIX)) {
    const end = path.indexOf("/", PREFIX.length);
    page = cache.page(end === -1 ? path.slice(PREFIX.length) : path.slice(PREFIX.length, end));
    rest = end === -1 ? "" : path.slice(end);
  } else if (cache.hasHosts && (path === "/" || path.startsWith("/api/v2/") || path.startsWith("/badge/") || path === "/widget")) {
    page = cache.pageForHost(hostOf(req));
    if (!page) return false;
    rest = path;
    onHost = true;
    if (page.access !== "public") {
      // Protected: the page's own address, where its access check and its unlock cookie's path are.
      if (path === "/") res.writeHead(307, { location: `/status/${page.slug}`, "cache-control": "no-store" }).end();
      else req.url = `/status/${page.slug}${url}`;
      return path === "/";
    }
  } else return false;
  if (!page || page.access !== "public") return false;
  if (q !== -1 && (rest === "" || rest === "/")) {
    // A query on the page itself (the subscribe form's outcome, say) is Next's to render, from the page's address.
    if (onHost) req.url = `/status/${page.slug}${url.slice(q)}`;
    return false;
  }
  const asset = assetOf(page, rest, onHost);
  if (!asset) return false;
  send(asset, req, res);
  return true;
}
