// Reads what providers say about the caller in their response headers: rate-limit headroom (X-RateLimit-* with
// Discord's -Reset-After and -Bucket, the IETF RateLimit-* fields GitLab sends, Sentry's X-Sentry-Rate-Limit-*),
// deprecation notices (Deprecation, RFC 9745; Sunset, RFC 8594; Link rel="deprecation"/"sunset") and the
// credential itself (GitHub's token expiry, Slack's granted scopes). Pure; `now` is a parameter.

export interface RateLimitSignal {
  limit: number | null;
  remaining: number;
  /** When the window resets, ISO; null when the provider does not say. */
  resetAt: string | null;
  /** remaining / limit, 0..1; null without a limit. */
  headroom: number | null;
  source: string;
  /** The provider's name for the shared limit this request counted against (Discord's X-RateLimit-Bucket). */
  bucket?: string;
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
  {
    source: "x-ratelimit",
    limit: "x-ratelimit-limit",
    remaining: "x-ratelimit-remaining",
    reset: "x-ratelimit-reset",
    resetAfter: "x-ratelimit-reset-after",
    bucket: "x-ratelimit-bucket",
  },
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
    // Discord sends both an epoch reset and a relative one; the relative one does not depend on our clock agreeing with theirs.
    const resetAfter = "resetAfter" in f ? Number(header(h, f.resetAfter)) : Number.NaN;
    const bucket = "bucket" in f ? header(h, f.bucket) : undefined;
    return {
      limit,
      remaining,
      resetAt: Number.isFinite(resetAfter) && resetAfter >= 0 ? new Date(now + resetAfter * 1000).toISOString() : resetTime(header(h, f.reset), now),
      headroom: limit ? Math.max(0, Math.min(1, remaining / limit)) : null,
      source: f.source,
      ...(bucket ? { bucket } : {}),
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

/** How long a credential stays valid, as the provider reports it on a run. */
export interface CredentialSignal {
  /** "token_expiration": the provider's own expiry header (GitHub); "oauth2_access_token": the token endpoint's expires_in. */
  source: "token_expiration" | "oauth2_access_token";
  expiresAt: string | null;
  /** Whole days left, rounded down; negative once expired. */
  daysLeft: number | null;
  /** Seconds the access token was granted for (expires_in), OAuth2 only. */
  expiresInSeconds?: number;
  /** Whether this run reused a cached access token, OAuth2 only. */
  cached?: boolean;
  /**
   * A long-lived credential a person renews (a key, a refresh token), so the credential-expiry alert reads it
   * whatever its source; `token_expiration` always counts, a short-lived OAuth2 access token never does unless marked.
   */
  renewable?: boolean;
}

/** GitHub writes "2026-12-31 23:59:59 UTC" (or with a numeric offset, "-0800"). */
function githubTime(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})\s*(UTC|Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return Date.parse(value);
  const zone = !m[3] || m[3] === "UTC" || m[3] === "Z" ? "Z" : m[3].replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

export function daysUntil(at: number, now: number): number {
  return Math.floor((at - now) / 86_400_000);
}

/** GitHub's `GitHub-Authentication-Token-Expiration`, sent for tokens that expire (fine-grained and expiring classic ones). */
export function parseTokenExpiration(h: Headers, now: number): CredentialSignal | null {
  const value = header(h, "github-authentication-token-expiration");
  if (!value) return null;
  const at = githubTime(value);
  if (Number.isNaN(at)) return null;
  return { source: "token_expiration", expiresAt: new Date(at).toISOString(), daysLeft: daysUntil(at, now) };
}

export interface ScopeSignal {
  granted: string[];
  required: string[];
  missing: string[];
}

/**
 * The scopes a token was granted (Slack's and GitHub classic tokens' `x-oauth-scopes`) against those the check
 * needs. Null when nothing is required or the provider did not say; a missing scope is a warning, never a failure.
 */
export function parseScopes(h: Headers, required: readonly string[]): ScopeSignal | null {
  const value = header(h, "x-oauth-scopes");
  if (value === undefined || required.length === 0) return null;
  const granted = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return { granted, required: [...required], missing: required.filter((s) => !granted.includes(s)) };
}
