// Discord: a channel webhook URL (its token is in the path, so the URL is stored as a secret).
import type { z } from "zod";
import { secretUrlInfo, secretUrlSchema } from "../shared/info";

export const discordConfigSchema = secretUrlSchema("Paste the channel's webhook URL (https://discord.com/api/webhooks/…)");
export type DiscordConfig = z.infer<typeof discordConfigSchema>;

export const discordInfo = secretUrlInfo(discordConfigSchema, {
  label: "Discord",
  description: "An embed with the incident's facts, coloured by severity",
  fieldLabel: "Webhook URL",
  placeholder: "https://discord.com/api/webhooks/…",
  hint: "Channel settings → Integrations → Webhooks → Copy URL",
});
