import { z } from "zod";
import { defineScheme, toleranceSeconds } from "../fields";

export const discordVerificationConfigSchema = z.object({ toleranceSeconds });
export type DiscordVerificationConfig = z.infer<typeof discordVerificationConfigSchema>;

export const discordScheme = defineScheme({
  label: "Discord interactions (Ed25519)",
  configSchema: discordVerificationConfigSchema,
  secret: { label: "Public key", hint: "Discord Developer Portal → your application → General Information → Public Key (64 hex characters)" },
});
