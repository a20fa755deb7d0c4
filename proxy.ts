// Runs before every page and API request: a per-request CSP nonce and security headers, and a redirect to
// sign-in for pages requested without a session cookie. Authorization itself happens on the server
// (lib/auth/page.ts for pages, lib/api/handler.ts for the API); this only saves a round trip.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];
const PUBLIC_PAGES = ["/signin"];
// Status pages decide their own access (public, password or signed-in: lib/status-pages/access.ts).
const isStatusPage = (pathname: string) => pathname.startsWith("/status/");

// The browser SDK posts events straight to the DSN's host (instrumentation-client.ts); nothing else is allowed.
const sentryOrigin = process.env.SENTRY_DSN ? new URL(process.env.SENTRY_DSN).origin : null;

export function contentSecurityPolicy(nonce: string, dev: boolean, { remoteImages = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix and Recharts position elements with inline style attributes, which nonces cannot cover.
    "style-src 'self' 'unsafe-inline'",
    // A status page shows its editor's logo from wherever it is hosted; images run no script.
    `img-src 'self' data: blob:${remoteImages ? " https:" : ""}`,
    "font-src 'self'",
    `connect-src 'self'${sentryOrigin ? ` ${sentryOrigin}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The scrape endpoint answers like the API (401/403 from its handler), never with a sign-in redirect.
  const isApi = pathname.startsWith("/api/") || pathname === "/metrics";
  if (!isApi && !PUBLIC_PAGES.includes(pathname) && !isStatusPage(pathname) && !SESSION_COOKIES.some((c) => request.cookies.has(c))) {
    const url = request.nextUrl.clone();
    url.pathname = "/signin";
    url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    return NextResponse.redirect(url);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV !== "production", { remoteImages: isStatusPage(pathname) });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  response.headers.set("permissions-policy", "camera=(), microphone=(), geolocation=()");
  if (request.nextUrl.protocol === "https:") response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

// The webhook receiver is left out: its callers are providers' servers, for which a CSP or a sign-in redirect
// means nothing, and the proxy pass cost about a tenth of the server's CPU per delivery (profiled).
export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|api/webhooks/in/).*)" }],
};
