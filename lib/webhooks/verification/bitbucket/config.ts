import { z } from "zod";
import { defineScheme } from "../fields";

// Nothing is timestamped: there is nothing to configure, and replays are stopped by de-duplication alone.
export const bitbucketVerificationConfigSchema = z.object({});
export type BitbucketVerificationConfig = z.infer<typeof bitbucketVerificationConfigSchema>;

export const bitbucketScheme = defineScheme({
  label: "Bitbucket Cloud (X-Hub-Signature)",
  configSchema: bitbucketVerificationConfigSchema,
  secret: { label: "Secret", hint: "The Secret set on the repository's Repository settings → Webhooks → the webhook (Bitbucket can generate one there)" },
});
