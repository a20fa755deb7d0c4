// The one place an HTTP request gets its credentials: each auth type's handler, keyed by its `type`, so a type in
// the config's union without a handler is a type error.
import type { HttpAuth } from "../config";
import { awsSigV4 } from "./aws-sigv4";
import { azureSas, azureSharedKey } from "./azure-blob";
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
  aws_sigv4: awsSigV4,
  azure_shared_key: azureSharedKey,
  azure_sas: azureSas,
} satisfies { [K in HttpAuth["type"]]: AuthHandler<Extract<HttpAuth, { type: K }>> };

export async function authorize(auth: HttpAuth | undefined, request: AuthRequest, ctx: Parameters<AuthHandler<HttpAuth>>[2]): Promise<AuthResult> {
  if (!auth) return { ok: true, request, steps: [] };
  try {
    return await (HANDLERS[auth.type] as AuthHandler<HttpAuth>)(auth, request, ctx);
  } catch (err) {
    // e.g. a signing key that is not valid base64, or a URL the signer cannot read: the settings, not the provider.
    return {
      ok: false,
      failure: { errorClass: "config", message: `The credentials could not be applied: ${(err as Error).message}`, retryable: false },
      steps: [],
    };
  }
}
