import { z } from "zod";
import { defineScheme, toleranceSeconds } from "../fields";

export const slackVerificationConfigSchema = z.object({ toleranceSeconds });
export type SlackVerificationConfig = z.infer<typeof slackVerificationConfigSchema>;

export const slackScheme = defineScheme({
  label: "Slack (v0 signature)",
  configSchema: slackVerificationConfigSchema,
  secret: { label: "Signing secret", hint: "api.slack.com/apps → your app → Basic Information → App Credentials → Signing Secret" },
});
