// Config pieces several schemes share, and the shape of a scheme's catalogue entry. Zod only, no node: imports:
// the browser validates with these too.
import { z } from "zod";

/**
 * How far a signed timestamp may be from our clock, either way. Providers stamp every delivery attempt afresh,
 * so a long tolerance buys nothing but a wider replay window; an hour is already generous for clock skew.
 */
export const toleranceSeconds = z
  .number({ error: "Enter the tolerance in seconds" })
  .int("Use whole seconds")
  .min(1, "The tolerance must be at least 1 second")
  .max(3_600, "The tolerance may be at most an hour")
  .default(300);

/** Header names are matched against lower-cased request headers, so they are lower-cased here once. */
export const headerName = z
  .string({ error: "Enter a header name" })
  .trim()
  .min(1, "Enter a header name")
  .max(100, "Keep the header name under 100 characters")
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "A header name has no spaces, colons or quotes")
  .transform((name) => name.toLowerCase());

/** An http(s) URL, trimmed and kept as typed: Square and Twilio sign theirs character for character. */
export function httpUrl(message: string) {
  return z
    .string({ error: message })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: message }));
}

export const HMAC_ALGORITHMS = ["sha1", "sha256", "sha512"] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
export const SIGNATURE_ENCODINGS = ["hex", "base64"] as const;
export type SignatureEncoding = (typeof SIGNATURE_ENCODINGS)[number];

/** What the app knows about a scheme besides its verifier: for the API, the source form and the lists. */
export interface SchemeInfo<Schema extends z.ZodType> {
  /** The scheme as the form's select shows it, naming the header people will recognise. */
  label: string;
  configSchema: Schema;
  /**
   * What the source's stored key holds and where the provider shows it, or null when the scheme takes none.
   * A public key (SendGrid, Discord) is stored like a secret: write-only, and rotated with the same overlap.
   */
  secret: { label: string; hint: string } | null;
  /** Settings a new source must fill in, shown as the settings field's placeholder; absent when the defaults do. */
  configExample?: Record<string, unknown>;
}

/** Keeps each entry's own schema type, so the catalogue infers every kind's config exactly. */
export function defineScheme<Schema extends z.ZodType>(info: SchemeInfo<Schema>): SchemeInfo<Schema> {
  return info;
}
