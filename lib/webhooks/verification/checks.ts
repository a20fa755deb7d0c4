// The steps every signed scheme shares: the secrets check, reading required headers, the timestamp format and
// the tolerance window. Each returns a failure value for the scheme to pass straight back, or what it read.
import type { VerificationKind } from "./config";
import type { VerificationFailure, VerificationFailureReason } from "./types";

export function fail(scheme: VerificationKind, reason: VerificationFailureReason, detail: string): VerificationFailure {
  return { ok: false, scheme, reason, detail };
}

/**
 * Fails when no secret yields a key: `no_secret` when none was given (or only empty ones), which is the thing to
 * fix whatever the request holds; `invalid_secret` when secrets were given but none could be read.
 */
export function requireKeys(scheme: VerificationKind, secrets: readonly string[], keysPerSecret: readonly (readonly unknown[])[]): VerificationFailure | null {
  if (keysPerSecret.some((keys) => keys.length > 0)) return null;
  if (secrets.every((secret) => secret.length === 0)) return fail(scheme, "no_secret", "No signing secret is set for this endpoint");
  return fail(scheme, "invalid_secret", `None of the ${secrets.length} secrets given could be read as a key`);
}

/**
 * The values of the named headers (`label` is how each is spelled for people), or a failure naming every
 * missing one first, then every empty one.
 */
export function requireHeaders(
  scheme: VerificationKind,
  headers: Record<string, string | undefined>,
  wanted: readonly { name: string; label: string }[],
): string[] | VerificationFailure {
  const values = wanted.map(({ name }) => headers[name]);
  const missing = wanted.filter((_, i) => values[i] === undefined).map((w) => w.label);
  if (missing.length > 0) return fail(scheme, "missing_header", `Missing ${missing.join(", ")}`);
  const empty = wanted.filter((_, i) => values[i]!.trim() === "").map((w) => w.label);
  if (empty.length > 0) return fail(scheme, "malformed_header", `Empty ${empty.join(", ")}`);
  return values.map((v) => v!.trim());
}

// Whole seconds only, as every supported sender writes them; 11 digits reach past the year 5000, and a
// 13-digit value is almost certainly milliseconds, which would otherwise look decades in the future.
const UNIX_SECONDS = /^\d{1,11}$/;

export function parseUnixSeconds(text: string): number | null {
  return UNIX_SECONDS.test(text) ? Number(text) : null;
}

/** Checks a signed timestamp against the clock in both directions; the boundary itself is accepted. */
export function checkTolerance(scheme: VerificationKind, seconds: number, now: number, toleranceSeconds: number): VerificationFailure | null {
  const age = Math.floor(now / 1000) - seconds;
  if (age > toleranceSeconds) {
    return fail(scheme, "timestamp_too_old", `Signed ${age} s ago; the tolerance is ${toleranceSeconds} s (a replay, or a sender clock behind)`);
  }
  if (-age > toleranceSeconds) {
    return fail(scheme, "timestamp_in_future", `Signed ${-age} s ahead of our clock; the tolerance is ${toleranceSeconds} s`);
  }
  return null;
}
