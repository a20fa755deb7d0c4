import { z } from "zod";
import { defineScheme, httpUrl, toleranceSeconds } from "../fields";

/** PayPal's REST API per environment (developer.paypal.com, "REST API basics"). */
export const PAYPAL_API = { live: "https://api-m.paypal.com", sandbox: "https://api-m.sandbox.paypal.com" } as const;

export const paypalVerificationConfigSchema = z.object({
  clientId: z.string({ error: "Enter the app's client ID" }).trim().min(1, "Enter the app's client ID").max(200, "Keep the client ID under 200 characters"),
  webhookId: z
    .string({ error: "Enter the webhook ID PayPal shows for this URL" })
    .trim()
    .min(1, "Enter the webhook ID PayPal shows for this URL")
    .max(100, "Keep the webhook ID under 100 characters"),
  environment: z.enum(["live", "sandbox"], { error: "Choose live or sandbox" }).default("live"),
  /** In place of the environment's address: a proxy in front of PayPal (still through the outbound guard). */
  apiBaseUrl: httpUrl("Enter the API's http(s) base URL").optional(),
  toleranceSeconds,
});
export type PaypalVerificationConfig = z.infer<typeof paypalVerificationConfigSchema>;

export const paypalScheme = defineScheme({
  label: "PayPal (verified by PayPal's postback)",
  configSchema: paypalVerificationConfigSchema,
  secret: {
    label: "Client secret",
    hint: "developer.paypal.com → Apps & Credentials → your app → Secret; the same page lists the client ID and, under Webhooks, the webhook ID",
  },
  configExample: { clientId: "AaBb…", webhookId: "8PT597110X687430LKGECATA", environment: "live" },
});
