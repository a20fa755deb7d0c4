import { z } from "zod";
import { defineScheme } from "../fields";

// Nothing is timestamped: there is nothing to configure, and replays are stopped by de-duplication alone.
export const shopifyVerificationConfigSchema = z.object({});
export type ShopifyVerificationConfig = z.infer<typeof shopifyVerificationConfigSchema>;

export const shopifyScheme = defineScheme({
  label: "Shopify (X-Shopify-Hmac-Sha256)",
  configSchema: shopifyVerificationConfigSchema,
  secret: {
    label: "Client secret",
    hint: "Shopify Dev Dashboard or Partner Dashboard → your app → Settings → Client secret; for a webhook made in the store admin, Settings → Notifications → Webhooks shows the key",
  },
});
