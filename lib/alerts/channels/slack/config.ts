// Slack: an incoming webhook URL (the URL is the credential, so it is stored as a secret).
import type { z } from "zod";
import { secretUrlInfo, secretUrlSchema } from "../shared/info";

export const slackConfigSchema = secretUrlSchema("Paste the incoming webhook URL Slack gave you (https://hooks.slack.com/services/…)");
export type SlackConfig = z.infer<typeof slackConfigSchema>;

export const slackInfo = secretUrlInfo(slackConfigSchema, {
  label: "Slack",
  description: "A message with the incident's facts and a link, through an incoming webhook",
  fieldLabel: "Incoming webhook URL",
  placeholder: "https://hooks.slack.com/services/T…/B…/…",
  hint: "Slack app → Incoming Webhooks; the channel is chosen there",
});
