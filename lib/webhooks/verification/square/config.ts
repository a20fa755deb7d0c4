import { z } from "zod";
import { defineScheme, httpUrl } from "../fields";

export const squareVerificationConfigSchema = z.object({
  /** Square signs this URL with the body, so it must be the subscription's URL character for character. */
  notificationUrl: httpUrl("Enter the notification URL exactly as your Square webhook subscription shows it"),
});
export type SquareVerificationConfig = z.infer<typeof squareVerificationConfigSchema>;

export const squareScheme = defineScheme({
  label: "Square (x-square-hmacsha256-signature)",
  configSchema: squareVerificationConfigSchema,
  secret: { label: "Signature key", hint: "Square Developer Console → your application → Webhooks → Subscriptions → the subscription → Signature key" },
  configExample: { notificationUrl: "https://tether.example.com/api/webhooks/in/square" },
});
