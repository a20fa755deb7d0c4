// The one place an HTTP request gets its credentials: each auth type's handler, keyed by its `type`, so a type in
// the config's union without a handler is a type error.
import type { HttpAuth } from "../config";
import { googleServiceAccount } from "./google-service-account";
import { oauth2ClientCredentials } from "./oauth2-client-credentials";
import { staticAuth } from "./static-auth";
import type { AuthHandler, AuthRequest, AuthResult } from "./types";

const HANDLERS = {
  bearer: staticAuth,
  basic: staticAuth,
  api_key: staticAuth,
  oauth2_client_credentials: oauth2ClientCredentials,
  google_service_account: googleServiceAccount,
} satisfies { [K in HttpAuth["type"]]: AuthHandler<Extract<HttpAuth, { type: K }>> };

export function authorize(auth: HttpAuth | undefined, request: AuthRequest, ctx: Parameters<AuthHandler<HttpAuth>>[2]): Promise<AuthResult> {
  if (!auth) return Promise.resolve({ ok: true, request, steps: [] });
  return (HANDLERS[auth.type] as AuthHandler<HttpAuth>)(auth, request, ctx);
}
