import { z } from "zod";
import { defineScheme } from "../fields";

// Nothing is timestamped: there is nothing to configure, and replays are stopped by de-duplication alone.
export const gitlabVerificationConfigSchema = z.object({});
export type GitlabVerificationConfig = z.infer<typeof gitlabVerificationConfigSchema>;

export const gitlabScheme = defineScheme({
  label: "GitLab (X-Gitlab-Token)",
  configSchema: gitlabVerificationConfigSchema,
  secret: { label: "Secret token", hint: "The Secret token you typed in the project's or group's Settings → Webhooks; GitLab never shows it again" },
});
