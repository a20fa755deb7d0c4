import { z } from "zod";
import { defineScheme } from "../fields";

// GitHub signs the body alone: no timestamp, so nothing to tolerate (and no replay protection beyond the
// delivery id the receiver de-duplicates on).
export const githubVerificationConfigSchema = z.object({});
export type GithubVerificationConfig = z.infer<typeof githubVerificationConfigSchema>;

export const githubScheme = defineScheme({
  label: "GitHub (X-Hub-Signature-256)",
  configSchema: githubVerificationConfigSchema,
  secret: { label: "Webhook secret", hint: "The secret you typed in the repository's or organisation's Settings → Webhooks; GitHub never shows it again" },
});
