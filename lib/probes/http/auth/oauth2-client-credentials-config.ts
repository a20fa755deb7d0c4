// The OAuth2 client-credentials auth type's settings (RFC 6749 §4.4). Pure zod: the browser validates with it too.
import { z } from "zod";

export const oauth2ClientCredentialsSchema = z.object({
  type: z.literal("oauth2_client_credentials"),
  tokenUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the token endpoint's full https:// URL" })),
  clientId: z.string().min(1, "Enter the client ID, e.g. {{secret.CLIENT_ID}}"),
  clientSecret: z.string().min(1, "Enter the client secret, e.g. {{secret.CLIENT_SECRET}}"),
  /** Space-separated, as the token endpoint expects; omitted when empty. */
  scope: z.string().trim().max(2_000).optional(),
});
export type OAuth2ClientCredentialsAuth = z.infer<typeof oauth2ClientCredentialsSchema>;
