// The Google service-account auth type's settings: the JSON key (a secret) and the scopes to ask for. Pure zod.
import { z } from "zod";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
/** Enough to read bucket metadata and objects, nothing more. */
export const GOOGLE_DEFAULT_SCOPE = "https://www.googleapis.com/auth/devstorage.read_only";

export const googleServiceAccountSchema = z.object({
  type: z.literal("google_service_account"),
  /** The whole downloaded key file, normally {{secret.GCP_SERVICE_ACCOUNT_KEY}}; parsed when the probe runs. */
  keyJson: z.string().min(1, "Enter the service-account key, e.g. {{secret.GCP_SERVICE_ACCOUNT_KEY}}"),
  scope: z.string().trim().min(1, "Enter at least one scope").default(GOOGLE_DEFAULT_SCOPE),
});
export type GoogleServiceAccountAuth = z.infer<typeof googleServiceAccountSchema>;
