import { z } from "zod";
import { defineScheme } from "../fields";

// Nothing is timestamped: there is nothing to configure, and replays are stopped by de-duplication alone.
export const sentryVerificationConfigSchema = z.object({});
export type SentryVerificationConfig = z.infer<typeof sentryVerificationConfigSchema>;

export const sentryScheme = defineScheme({
  label: "Sentry (Sentry-Hook-Signature)",
  configSchema: sentryVerificationConfigSchema,
  secret: { label: "Client secret", hint: "Sentry → Settings → Developer Settings → your integration → Credentials → Client Secret" },
});
