// Reads what providers say about the caller in their response headers: rate-limit headroom (X-RateLimit-*,
// the IETF RateLimit-* fields, Sentry's X-Sentry-Rate-Limit-*) and deprecation notices (Deprecation, RFC
// 9745; Sunset, RFC 8594; Link rel="deprecation"/"sunset"). Pure; `now` is a parameter.

export interface RateLimitSignal {
  limit: number | null;
  remaining: number;
  /** When the window resets, ISO; null when the provider does not say. */
  resetAt: string | null;
  /** remaining / limit, 0..1; null without a limit. */
  headroom: number | null;
  source: string;
}

export interface DeprecationSignal {
  /** When the endpoint was (or will be) deprecated, ISO; "true" when only announced without a date. */
  deprecatedAt: string | null;
  sunsetAt: string | null;
  daysUntilSunset: number | null;
  link: string | null;
}

type Headers = Record<string, string | string[] | undefined>;

function header(h: Headers, name: string): string | undefined {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

const FAMILIES = [
  { source: "x-ratelimit", limit: "x-ratelimit-limit", remaining: "x-ratelimit-remaining", reset: "x-ratelimit-reset" },
  { source: "ratelimit", limit: "ratelimit-limit", remaining: "ratelimit-remaining", reset: "ratelimit-reset" },
  { source: "x-sentry-rate-limit", limit: "x-sentry-rate-limit-limit", remaining: "x-sentry-rate-limit-remaining", reset: "x-sentry-rate-limit-reset" },
] as const;

/** A reset value is either epoch seconds (GitHub, Sentry, SendGrid) or seconds from now (IETF draft). */
function resetTime(value: string | undefined, now: number): string | null {
  if (!value) return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) return null;
  const ms = n > 1_000_000_000 ? n * 1000 : now + n * 1000;
  return new Date(ms).toISOString();
}

export function parseRateLimit(h: Headers, now: number): RateLimitSignal | null {
  for (const f of FAMILIES) {
    const remainingText = header(h, f.remaining);
    if (remainingText === undefined) continue;
    // The IETF fields may carry a policy suffix ("100;w=60"); the first number is the value.
    const remaining = Number.parseFloat(remainingText);
    if (!Number.isFinite(remaining)) continue;
    const limitValue = Number.parseFloat(header(h, f.limit) ?? "");
    const limit = Number.isFinite(limitValue) && limitValue > 0 ? limitValue : null;
    return {
      limit,
      remaining,
      resetAt: resetTime(header(h, f.reset), now),
      headroom: limit ? Math.max(0, Math.min(1, remaining / limit)) : null,
      source: f.source,
    };
  }
  return null;
}

/** RFC 9745 structured date "@1688169599", an HTTP-date (older drafts), or "true". */
function deprecationDate(value: string): string | null {
  const v = value.trim();
  if (v === "true" || v === "?1") return "true";
  if (v.startsWith("@")) {
    const seconds = Number(v.slice(1));
    return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : null;
  }
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function linkWithRel(linkHeader: string | undefined, rels: string[]): string | null {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(/,(?=\s*<)/)) {
    const m = /<([^>]+)>\s*;(.*)/.exec(part.trim());
    if (m && rels.some((rel) => new RegExp(`rel="?[^";]*\\b${rel}\\b`, "i").test(m[2]!))) return m[1]!;
  }
  return null;
}

export function parseDeprecation(h: Headers, now: number): DeprecationSignal | null {
  const dep = header(h, "deprecation");
  const sunset = header(h, "sunset");
  if (!dep && !sunset) return null;
  const sunsetTime = sunset ? Date.parse(sunset) : Number.NaN;
  const sunsetAt = Number.isNaN(sunsetTime) ? null : new Date(sunsetTime).toISOString();
  return {
    deprecatedAt: dep ? deprecationDate(dep) : null,
    sunsetAt,
    daysUntilSunset: sunsetAt ? Math.floor((sunsetTime - now) / 86_400_000) : null,
    link: linkWithRel(header(h, "link"), ["deprecation", "sunset"]),
  };
}
