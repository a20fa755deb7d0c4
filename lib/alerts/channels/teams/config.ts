// Microsoft Teams: an incoming webhook or a Workflows ("Post to a channel when a webhook request is received")
// URL; both carry their credential in the URL, so it is stored as a secret.
import type { z } from "zod";
import { secretUrlInfo, secretUrlSchema } from "../shared/info";

export const teamsConfigSchema = secretUrlSchema("Paste the Workflows or incoming webhook URL Teams gave you");
export type TeamsConfig = z.infer<typeof teamsConfigSchema>;

export const teamsInfo = secretUrlInfo(teamsConfigSchema, {
  label: "Microsoft Teams",
  description: "An Adaptive Card with the incident's facts and a link",
  fieldLabel: "Workflows / webhook URL",
  placeholder: "https://prod-00.westeurope.logic.azure.com/workflows/…",
  hint: "Teams channel → Workflows → “Post to a channel when a webhook request is received”",
});
