// What each webhook verification scheme may be configured with, keyed by kind. Zod only, no node: imports, so the
// same schemas validate the API on the server and a settings form in the browser. Secrets are never part of a
// config: they are stored encrypted and passed to the verifier separately (current first, then the previous one).
import { z } from "zod";

/**
 * How far a signed timestamp may be from our clock, either way. Providers stamp every delivery attempt afresh,
 * so a long tolerance buys nothing but a wider replay window; an hour is already generous for clock skew.
 */
const toleranceSeconds = z
  .number({ error: "Enter the tolerance in seconds" })
  .int("Use whole seconds")
  .min(1, "The tolerance must be at least 1 second")
  .max(3_600, "The tolerance may be at most an hour")
  .default(300);

/** Header names are matched against lower-cased request headers, so they are lower-cased here once. */
const headerName = z
  .string({ error: "Enter a header name" })
  .trim()
  .min(1, "Enter a header name")
  .max(100, "Keep the header name under 100 characters")
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "A header name has no spaces, colons or quotes")
  .transform((name) => name.toLowerCase());

export const stripeVerificationConfigSchema = z.object({ toleranceSeconds });
export type StripeVerificationConfig = z.infer<typeof stripeVerificationConfigSchema>;

// GitHub signs the body alone: no timestamp, so nothing to tolerate (and no replay protection beyond the
// delivery id the receiver de-duplicates on).
export const githubVerificationConfigSchema = z.object({});
export type GithubVerificationConfig = z.infer<typeof githubVerificationConfigSchema>;

export const slackVerificationConfigSchema = z.object({ toleranceSeconds });
export type SlackVerificationConfig = z.infer<typeof slackVerificationConfigSchema>;

/**
 * How a Standard Webhooks secret string becomes HMAC key bytes. The reference libraries base64-decode the
 * secret whether or not it carries `whsec_`; some senders hand out a plain-text secret instead. `auto` decodes a
 * `whsec_` secret as base64 and tries an unprefixed one both ways; the other two pin one reading.
 */
export const STANDARD_WEBHOOKS_SECRET_FORMATS = ["auto", "base64", "raw"] as const;
export const standardWebhooksVerificationConfigSchema = z.object({
  toleranceSeconds,
  secretFormat: z.enum(STANDARD_WEBHOOKS_SECRET_FORMATS, { error: "Choose auto, base64 or raw" }).default("auto"),
});
export type StandardWebhooksVerificationConfig = z.infer<typeof standardWebhooksVerificationConfigSchema>;

export const HMAC_ALGORITHMS = ["sha1", "sha256", "sha512"] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
export const SIGNATURE_ENCODINGS = ["hex", "base64"] as const;
export type SignatureEncoding = (typeof SIGNATURE_ENCODINGS)[number];
/** What the generic scheme signs: the body alone, or the timestamp header's value, a full stop, then the body. */
export const HMAC_SIGNED_CONTENT = ["{body}", "{timestamp}.{body}"] as const;

export const hmacVerificationConfigSchema = z
  .object({
    header: headerName,
    algorithm: z.enum(HMAC_ALGORITHMS, { error: "Choose sha1, sha256 or sha512" }).default("sha256"),
    encoding: z.enum(SIGNATURE_ENCODINGS, { error: "Choose hex or base64" }).default("hex"),
    /** Text before the signature in the header, such as `sha256=`; matched exactly. */
    prefix: z.string().max(40, "Keep the prefix under 40 characters").default(""),
    /** When the header may carry several signatures (during the sender's own key rotation), what separates them. */
    separator: z
      .string()
      .min(1, "Enter a separator, or leave the field out")
      .max(5, "Keep the separator under 6 characters")
      .regex(/^[^A-Za-z0-9+/=]+$/, "The separator cannot use characters that appear in hex or base64")
      .optional(),
    signedContent: z.enum(HMAC_SIGNED_CONTENT, { error: "Choose {body} or {timestamp}.{body}" }).default("{body}"),
    /** Unix seconds. Only meaningful when signed: an unsigned timestamp can be rewritten by whoever replays. */
    timestampHeader: headerName.optional(),
    toleranceSeconds,
    /** A header carrying the sender's delivery or event id, for de-duplication. */
    eventIdHeader: headerName.optional(),
  })
  .superRefine((config, ctx) => {
    if (config.signedContent === "{timestamp}.{body}" && !config.timestampHeader) {
      ctx.addIssue({ code: "custom", path: ["timestampHeader"], message: "Name the header that carries the signed timestamp" });
    }
    if (config.signedContent === "{body}" && config.timestampHeader) {
      ctx.addIssue({
        code: "custom",
        path: ["timestampHeader"],
        message: "A timestamp outside the signed content proves nothing; sign {timestamp}.{body} or leave the header out",
      });
    }
    if (config.separator !== undefined && config.prefix.includes(config.separator)) {
      ctx.addIssue({ code: "custom", path: ["separator"], message: "The separator cannot appear in the prefix" });
    }
  });
export type HmacVerificationConfig = z.infer<typeof hmacVerificationConfigSchema>;

export const noneVerificationConfigSchema = z.object({ eventIdHeader: headerName.optional() });
export type NoneVerificationConfig = z.infer<typeof noneVerificationConfigSchema>;

export const VERIFICATION_CONFIG_SCHEMAS = {
  stripe: stripeVerificationConfigSchema,
  github: githubVerificationConfigSchema,
  slack: slackVerificationConfigSchema,
  standard_webhooks: standardWebhooksVerificationConfigSchema,
  hmac: hmacVerificationConfigSchema,
  none: noneVerificationConfigSchema,
} as const;

export type VerificationKind = keyof typeof VERIFICATION_CONFIG_SCHEMAS;
export const VERIFICATION_KINDS = Object.keys(VERIFICATION_CONFIG_SCHEMAS) as [VerificationKind, ...VerificationKind[]];
/** A parsed config (defaults filled in) for one kind. */
export type VerificationConfig<K extends VerificationKind> = z.infer<(typeof VERIFICATION_CONFIG_SCHEMAS)[K]>;
/** What a form or the API may send for one kind (defaults still optional). */
export type VerificationConfigInput<K extends VerificationKind> = z.input<(typeof VERIFICATION_CONFIG_SCHEMAS)[K]>;

const variants = VERIFICATION_KINDS.map((kind) => z.object({ kind: z.literal(kind), config: VERIFICATION_CONFIG_SCHEMAS[kind] }));

/** A webhook endpoint's verification setting: the kind and its config, parsed together. */
export const verificationSettingSchema = z.discriminatedUnion("kind", variants as unknown as [(typeof variants)[number], ...(typeof variants)[number][]], {
  error: `Unknown verification scheme; expected one of: ${VERIFICATION_KINDS.join(", ")}`,
});
export type VerificationSetting = { [K in VerificationKind]: { kind: K; config: VerificationConfig<K> } }[VerificationKind];
