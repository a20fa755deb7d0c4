import { z } from "zod";
import { defineScheme, toleranceSeconds } from "../fields";

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

export const standardWebhooksScheme = defineScheme({
  label: "Standard Webhooks / Svix",
  configSchema: standardWebhooksVerificationConfigSchema,
  secret: { label: "Signing secret", hint: "The sender's webhook endpoint page (Svix: the endpoint → Signing Secret, whsec_…)" },
});
