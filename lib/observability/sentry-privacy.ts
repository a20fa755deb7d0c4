// What every Sentry client in Tether (worker, Next server, edge, browser) does before an event leaves the process:
// no default PII, and a beforeSend that drops request headers, cookies, bodies and query strings and redacts URL
// credentials. Probe targets carry API keys in headers and `?token=` queries, so an event must never hold either.
// Pure and SDK-free (structural types only), so the browser and edge bundles can import it.

/** The parts of a Sentry error event that can carry secrets; Sentry's own `ErrorEvent` fits this shape. */
export interface ScrubbableEvent {
  message?: string;
  request?: {
    url?: string;
    method?: string;
    headers?: unknown;
    cookies?: unknown;
    data?: unknown;
    query_string?: unknown;
    env?: unknown;
  };
  exception?: { values?: Array<{ value?: string }> };
  breadcrumbs?: Array<{ message?: string; data?: Record<string, unknown> }>;
  contexts?: Record<string, Record<string, unknown> | undefined>;
  extra?: Record<string, unknown>;
}

const FILTERED = "[Filtered]";
// An absolute URL inside free text: scheme, optional userinfo, then everything up to whitespace or a quote.
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"'<>]*@)?([^\s?#"'<>]*)(\?[^\s#"'<>]*)?(#[^\s"'<>]*)?/gi;
// Breadcrumb data keys that the Node and browser SDKs fill with a URL's query or fragment on their own.
const QUERY_KEYS = new Set(["http.query", "http.fragment", "query", "query_string"]);
// Breadcrumb and context keys that hold a URL or a path that may end in a query string.
const URL_KEYS = new Set(["url", "from", "to", "request_path", "route_path"]);

/** Keeps a URL's scheme, host and path; replaces credentials and the query, and drops the fragment. */
export function redactUrls(text: string): string {
  return text.replace(
    URL_IN_TEXT,
    (_m, scheme: string, userinfo: string | undefined, rest: string, query: string | undefined) =>
      `${scheme}${userinfo ? `${FILTERED}@` : ""}${rest}${query ? `?${FILTERED}` : ""}`,
  );
}

/** For a URL or a bare path (`/a?b=c`): everything before `?` or `#`, with credentials redacted. */
export function stripQuery(url: string): string {
  return redactUrls(url.split(/[?#]/, 1)[0] ?? "");
}

const MAX_DEPTH = 6;

/**
 * Redacts URLs in every string of a JSON-like value, in place for containers. Depth-limited: SDK payloads
 * are already normalised to a few levels, and a cycle must not hang the send.
 */
function scrubValue(value: unknown, key: string | undefined, depth: number): unknown {
  if (typeof value === "string") return key !== undefined && URL_KEYS.has(key) ? stripQuery(value) : redactUrls(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = scrubValue(value[i], undefined, depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(record)) {
    if (QUERY_KEYS.has(k)) delete record[k];
    else record[k] = scrubValue(v, k, depth + 1);
  }
  return record;
}

/** `beforeSend`: mutates and returns the event (never drops it). */
export function scrubEvent<E extends ScrubbableEvent>(event: E): E {
  if (event.request) {
    const { method, url } = event.request;
    // Keep only what identifies the route; headers, cookies, body and query are where credentials live.
    event.request = { ...(method ? { method } : {}), ...(url ? { url: stripQuery(url) } : {}) } as E["request"];
  }
  if (event.message) event.message = redactUrls(event.message);
  for (const ex of event.exception?.values ?? []) if (ex.value) ex.value = redactUrls(ex.value);
  // Console breadcrumbs hold logged arguments, Errors included, so their data is scrubbed all the way down.
  for (const crumb of event.breadcrumbs ?? []) {
    if (crumb.message) crumb.message = redactUrls(crumb.message);
    if (crumb.data) scrubValue(crumb.data, undefined, 0);
  }
  if (event.contexts) scrubValue(event.contexts, undefined, 0);
  if (event.extra) scrubValue(event.extra, undefined, 0);
  return event;
}

/** Spread into every `Sentry.init` so no runtime can forget one of them. */
export const sentryPrivacyOptions = {
  sendDefaultPii: false,
  beforeSend: scrubEvent,
} as const;
