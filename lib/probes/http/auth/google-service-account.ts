// Google service-account auth (OAuth 2.0 for server-to-server apps): a JWT signed RS256 with the key's private
// half, exchanged at the key's token_uri for an access token (grant type jwt-bearer), then sent as a bearer token.
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import { authorizeWithToken } from "./access-token";
import { GOOGLE_TOKEN_URL, type GoogleServiceAccountAuth } from "./google-service-account-config";
import { tokenCacheKey } from "./token-cache";
import type { AuthHandler } from "./types";

const serviceAccountKeySchema = z.object({
  type: z.literal("service_account", { error: 'Not a service-account key: its "type" is not "service_account"' }),
  client_email: z.string().min(1),
  private_key: z.string().includes("PRIVATE KEY", { error: "The key holds no private key" }),
  private_key_id: z.string().optional(),
  token_uri: z.url({ protocol: /^https?$/ }).optional(),
});

/** Google accepts assertions valid for at most an hour. */
const ASSERTION_SECONDS = 3_600;

function parseKey(json: string): z.infer<typeof serviceAccountKeySchema> | string {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return "The service-account key is not JSON: paste the whole key file into the secret";
  }
  const parsed = serviceAccountKeySchema.safeParse(raw);
  if (!parsed.success)
    return `The service-account key is incomplete: ${parsed.error.issues.map((i) => `${i.path.join(".") || "key"}: ${i.message}`).join("; ")}`;
  return parsed.data;
}

export const googleServiceAccount: AuthHandler<GoogleServiceAccountAuth> = async (auth, request, ctx) => {
  const key = parseKey(auth.keyJson);
  if (typeof key === "string") return { ok: false, failure: { errorClass: "config", message: key, retryable: false }, steps: [] };
  const tokenUrl = key.token_uri ?? GOOGLE_TOKEN_URL;
  return authorizeWithToken(
    {
      key: tokenCacheKey("google_service_account", tokenUrl, key.client_email, key.private_key, auth.scope),
      tokenUrl,
      tokenRequest: async () => {
        const issuedAt = Math.floor(ctx.now() / 1000);
        const assertion = await new SignJWT({ scope: auth.scope })
          .setProtectedHeader({ alg: "RS256", typ: "JWT", ...(key.private_key_id ? { kid: key.private_key_id } : {}) })
          .setIssuer(key.client_email)
          .setAudience(tokenUrl)
          .setIssuedAt(issuedAt)
          .setExpirationTime(issuedAt + ASSERTION_SECONDS)
          .sign(await importPKCS8(key.private_key, "RS256"));
        return { url: tokenUrl, form: { grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion } };
      },
    },
    request,
    ctx,
  );
};
