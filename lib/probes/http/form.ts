// The HTTP check's own form, as text the person types, and its conversion to and from an HTTP config. Pure, so
// the form keeps exactly what was typed and the conversion is tested without a browser.
import { optionalNumber } from "../kind-form";
import { awsSigV4AuthFrom, awsSigV4FormFrom, type AwsSigV4Form } from "./auth/aws-sigv4-config";
import { azureBlobFormFrom, azureSasAuthFrom, azureSharedKeyAuthFrom, type AzureBlobForm } from "./auth/azure-blob-config";
import { GOOGLE_DEFAULT_SCOPE } from "./auth/google-service-account-config";
import { HTTP_DEFAULTS, type HttpConfig, type HttpConfigInput, type HttpMethod } from "./config";
import { assertionsFromLegacy, type LegacyHttpAssertion } from "./legacy-assertion";
import { assertionFromRow, rowFromAssertion, type AssertionRow } from "../shared/assertions/form";
import type { Assertion } from "../shared/assertions/schema";

export type HttpAuthType =
  "none" | "bearer" | "basic" | "api_key" | "oauth2_client_credentials" | "google_service_account" | "aws_sigv4" | "azure_shared_key" | "azure_sas";

export interface HttpFormState {
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body: string;
  expectedStatus: string;
  /** In order; each row's errors are at config.assertions.<index>.<field>. */
  assertions: AssertionRow[];
  latencyBudgetMs: string;
  minHeadroom: string;
  /** Comma- or space-separated. */
  requiredScopes: string;
  /** The provider's status page; blank for none. */
  statusUrl: string;
  authType: HttpAuthType;
  authToken: string;
  authUsername: string;
  authPassword: string;
  apiKeyName: string;
  apiKeyValue: string;
  apiKeyIn: "header" | "query";
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  oauthScope: string;
  googleKey: string;
  googleScope: string;
  awsSigV4: AwsSigV4Form;
  /** Both Azure types: the account name and key, or the SAS token. */
  azureBlob: AzureBlobForm;
  /** Response-shape drift; on unless switched off. */
  trackShape: boolean;
}

/** GET and HEAD send no body: what was typed for one is kept, but not sent. */
export const sendsBody = (method: string) => method !== "GET" && method !== "HEAD";

/** The form for a stored (or preset) config; a new check starts from the kind's defaults. An old single `assertion` becomes rows. */
export function httpFormFromConfig(config: Partial<HttpConfig> & { assertion?: LegacyHttpAssertion } = {}): HttpFormState {
  const assertions: Assertion[] = [...assertionsFromLegacy(config.assertion), ...(config.assertions ?? [])];
  const auth = config.auth;
  return {
    method: config.method ?? HTTP_DEFAULTS.method,
    url: config.url ?? "",
    headers: config.headers ?? [],
    body: config.body ?? "",
    expectedStatus: config.expectedStatus ?? HTTP_DEFAULTS.expectedStatus,
    assertions: assertions.map(rowFromAssertion),
    latencyBudgetMs: config.latencyBudgetMs?.toString() ?? "",
    minHeadroom: config.minRateLimitHeadroomPercent?.toString() ?? "",
    requiredScopes: config.requiredScopes?.join(", ") ?? "",
    statusUrl: config.statusUrl ?? "",
    authType: auth?.type ?? "none",
    authToken: auth?.type === "bearer" ? auth.token : "",
    authUsername: auth?.type === "basic" ? auth.username : "",
    authPassword: auth?.type === "basic" ? (auth.password ?? "") : "",
    apiKeyName: auth?.type === "api_key" ? auth.name : "X-API-Key",
    apiKeyValue: auth?.type === "api_key" ? auth.value : "",
    apiKeyIn: auth?.type === "api_key" ? (auth.in ?? "header") : "header",
    tokenUrl: auth?.type === "oauth2_client_credentials" ? auth.tokenUrl : "",
    clientId: auth?.type === "oauth2_client_credentials" ? auth.clientId : "",
    clientSecret: auth?.type === "oauth2_client_credentials" ? auth.clientSecret : "",
    oauthScope: auth?.type === "oauth2_client_credentials" ? (auth.scope ?? "") : "",
    googleKey: auth?.type === "google_service_account" ? auth.keyJson : "",
    googleScope: auth?.type === "google_service_account" ? (auth.scope ?? GOOGLE_DEFAULT_SCOPE) : GOOGLE_DEFAULT_SCOPE,
    awsSigV4: awsSigV4FormFrom(auth),
    azureBlob: azureBlobFormFrom(auth),
    trackShape: config.trackShape !== false,
  };
}

/** The config to send: blank rows and fields left out, only the chosen auth, a body only where one is sent. */
export function httpConfigFromForm(s: HttpFormState): HttpConfigInput {
  return {
    method: s.method as HttpMethod,
    url: s.url,
    headers: s.headers.filter((h) => h.name.trim() || h.value.trim()),
    body: s.body && sendsBody(s.method) ? s.body : undefined,
    expectedStatus: s.expectedStatus,
    // Stored only when off, so a check that never touched it reads as before.
    trackShape: s.trackShape ? undefined : false,
    latencyBudgetMs: optionalNumber(s.latencyBudgetMs),
    minRateLimitHeadroomPercent: optionalNumber(s.minHeadroom),
    requiredScopes: scopeList(s.requiredScopes),
    statusUrl: s.statusUrl.trim() === "" ? undefined : s.statusUrl.trim(),
    auth: authFromForm(s),
    assertions: s.assertions.map(assertionFromRow) as HttpConfigInput["assertions"],
  };
}

function scopeList(text: string): string[] | undefined {
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  return scopes.length > 0 ? scopes : undefined;
}

function authFromForm(s: HttpFormState): HttpConfigInput["auth"] {
  switch (s.authType) {
    case "bearer":
      return { type: "bearer", token: s.authToken };
    case "basic":
      return { type: "basic", username: s.authUsername, password: s.authPassword };
    case "api_key":
      return { type: "api_key", name: s.apiKeyName, value: s.apiKeyValue, in: s.apiKeyIn };
    case "oauth2_client_credentials":
      return {
        type: "oauth2_client_credentials",
        tokenUrl: s.tokenUrl,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        scope: s.oauthScope.trim() || undefined,
      };
    case "google_service_account":
      return { type: "google_service_account", keyJson: s.googleKey, scope: s.googleScope };
    case "aws_sigv4":
      return awsSigV4AuthFrom(s.awsSigV4);
    case "azure_shared_key":
      return azureSharedKeyAuthFrom(s.azureBlob);
    case "azure_sas":
      return azureSasAuthFrom(s.azureBlob);
    case "none":
      return undefined;
  }
}
