// Shopify: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the body, keyed by the app's client secret.
// `X-Shopify-Event-Id` is the same for every delivery of one event (retries included; `X-Shopify-Webhook-Id` is
// not), so it is the event id.
import { bodyHmacVerifier } from "../body-hmac";
import type { ShopifyVerificationConfig } from "./config";

export const shopifyVerifier = bodyHmacVerifier<ShopifyVerificationConfig>({
  scheme: "shopify",
  signature: { name: "x-shopify-hmac-sha256", label: "X-Shopify-Hmac-Sha256" },
  prefix: "",
  encoding: "base64",
  eventIdHeader: "x-shopify-event-id",
});
