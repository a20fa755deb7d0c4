// OAuth2 client credentials (RFC 6749 §4.4), as PayPal and most machine-to-machine APIs use it: the client ID and
// secret as basic auth on the token endpoint, grant_type=client_credentials, then the access token as a bearer.
import type { OAuth2ClientCredentialsAuth } from "./oauth2-client-credentials-config";
import { authorizeWithToken } from "./access-token";
import { tokenCacheKey } from "./token-cache";
import type { AuthHandler } from "./types";

export const oauth2ClientCredentials: AuthHandler<OAuth2ClientCredentialsAuth> = (auth, request, ctx) =>
  authorizeWithToken(
    {
      key: tokenCacheKey("oauth2_client_credentials", auth.tokenUrl, auth.clientId, auth.clientSecret, auth.scope ?? ""),
      tokenUrl: auth.tokenUrl,
      tokenRequest: async () => ({
        url: auth.tokenUrl,
        // RFC 6749 §2.3.1: both parts form-encoded before they are joined.
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`).toString("base64")}`,
        },
        form: { grant_type: "client_credentials", ...(auth.scope ? { scope: auth.scope } : {}) },
      }),
    },
    request,
    ctx,
  );
