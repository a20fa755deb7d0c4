// A generic webhook signed with Standard Webhooks: the URL, and the signing secret (whsec_ + base64), generated
// when none is given and shown once, so the receiver can verify with any Standard Webhooks library.
import { z } from "zod";
import { httpUrl, type ChannelInfo } from "../shared/info";
import { redactUrlQuery } from "../shared/redact";

/** 32 random bytes as `whsec_<base64>`; Web Crypto, so it runs in Node and in the browser alike. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

export const webhookConfigSchema = z.object({
  url: httpUrl("Enter the full http:// or https:// URL to POST to"),
  secret: z
    .string()
    .trim()
    .regex(
      /^whsec_(?:[A-Za-z0-9+/]{4}){4,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
      "Use whsec_ followed by base64 (at least 12 bytes), or leave it empty to generate one",
    )
    .default(generateWebhookSecret),
});
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;

export const webhookInfo: ChannelInfo<WebhookConfig> = {
  label: "Webhook",
  description: "The notification as JSON, signed with Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)",
  configSchema: webhookConfigSchema,
  secretFields: ["secret"],
  defaults: {},
  fields: [
    { key: "url", label: "URL", type: "text", placeholder: "https://ops.example.com/hooks/tether" },
    { key: "secret", label: "Signing secret", type: "password", placeholder: "leave empty to generate", hint: "whsec_…; shown once after saving" },
  ],
  target: (c) => redactUrlQuery(c.url),
};
