// Every HTTP auth type's implementation, keyed by its `type`: a type in the config's union without one here is a
// type error. The simple ones are a header or a parameter; the signed ones have their own files.
import type { HttpAuth } from "../config";
import { awsSigV4Scheme } from "./aws-sigv4";
import { azureSasScheme, azureSharedKeyScheme } from "./azure-blob";
import type { AuthContext, HttpAuthScheme, OutgoingRequest } from "./scheme";

type Schemes = { [T in HttpAuth["type"]]: HttpAuthScheme<Extract<HttpAuth, { type: T }>> };

export const HTTP_AUTH_SCHEMES = {
  bearer: { apply: (r, a) => ({ ...r, headers: { ...r.headers, authorization: `Bearer ${a.token}` } }) },
  basic: { apply: (r, a) => ({ ...r, headers: { ...r.headers, authorization: `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}` } }) },
  api_key: {
    apply(r, a) {
      if (a.in === "header") return { ...r, headers: { ...r.headers, [a.name]: a.value } };
      const url = new URL(r.url);
      url.searchParams.set(a.name, a.value);
      return { ...r, url: url.toString() };
    },
  },
  aws_sigv4: awsSigV4Scheme,
  azure_shared_key: azureSharedKeyScheme,
  azure_sas: azureSasScheme,
} satisfies Schemes;

/** The scheme for a config's auth; one cast, since TypeScript cannot relate a union's member to its own map entry. */
export function authScheme(auth: HttpAuth): HttpAuthScheme<HttpAuth> {
  return (HTTP_AUTH_SCHEMES as Schemes)[auth.type] as HttpAuthScheme<HttpAuth>;
}

/** The request with the configured credentials applied. */
export async function applyAuth(request: OutgoingRequest, auth: HttpAuth | undefined, ctx: AuthContext): Promise<OutgoingRequest> {
  return auth ? authScheme(auth).apply(request, auth, ctx) : request;
}
