import { z } from "zod";
import { defineScheme, HMAC_ALGORITHMS, headerName, SIGNATURE_ENCODINGS, toleranceSeconds } from "../fields";

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

export const hmacScheme = defineScheme({
  label: "Generic HMAC",
  configSchema: hmacVerificationConfigSchema,
  secret: { label: "Signing secret", hint: "Wherever the sender shows its webhook secret; name its signature header in the settings" },
  configExample: { header: "x-signature", algorithm: "sha256", encoding: "hex", prefix: "sha256=" },
});
