import { z } from "zod";
import { defineScheme, toleranceSeconds } from "../fields";

export const stripeVerificationConfigSchema = z.object({ toleranceSeconds });
export type StripeVerificationConfig = z.infer<typeof stripeVerificationConfigSchema>;

export const stripeScheme = defineScheme({
  label: "Stripe (Stripe-Signature)",
  configSchema: stripeVerificationConfigSchema,
  secret: { label: "Signing secret", hint: "Stripe Dashboard → Developers → Webhooks → the endpoint → Signing secret (whsec_…)" },
});
