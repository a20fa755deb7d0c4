import { z } from "zod";
import { defineScheme, toleranceSeconds } from "../fields";

export const sendgridVerificationConfigSchema = z.object({ toleranceSeconds });
export type SendgridVerificationConfig = z.infer<typeof sendgridVerificationConfigSchema>;

export const sendgridScheme = defineScheme({
  label: "SendGrid Event Webhook (signed, ECDSA)",
  configSchema: sendgridVerificationConfigSchema,
  secret: {
    label: "Verification key (public key)",
    hint: "SendGrid → Settings → Mail Settings → Event Webhooks → the webhook → Signature Verification → Verification Key",
  },
});
