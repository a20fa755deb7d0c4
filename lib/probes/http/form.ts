// The HTTP check's own form, as text the person types, and its conversion to and from an HTTP config. Pure, so
// the form keeps exactly what was typed and the conversion is tested without a browser.
import { optionalNumber } from "../kind-form";
import { awsSigV4AuthFrom, awsSigV4FormFrom, type AwsSigV4Form } from "./auth/aws-sigv4-config";
import { azureBlobFormFrom, azureSasAuthFrom, azureSharedKeyAuthFrom, type AzureBlobForm } from "./auth/azure-blob-config";
import { HTTP_DEFAULTS, type HttpConfig, type HttpMethod, type httpConfigSchema } from "./config";
import type { z } from "zod";

export type HttpAssertionType = "none" | "json_path" | "body_contains";
export type HttpAuthType = "none" | "bearer" | "basic" | "api_key" | "aws_sigv4" | "azure_shared_key" | "azure_sas";

export interface HttpFormState {
  method: string;
  url: string;
  headers: { name: string; value: string }[];
  body: string;
  expectedStatus: string;
  assertionType: HttpAssertionType;
  jsonPath: string;
  equals: string;
  bodyContains: string;
  latencyBudgetMs: string;
  minHeadroom: string;
  authType: HttpAuthType;
  authToken: string;
  authUsername: string;
  authPassword: string;
  apiKeyName: string;
  apiKeyValue: string;
  apiKeyIn: "header" | "query";
  awsSigV4: AwsSigV4Form;
  /** Both Azure types: the account name and key, or the SAS token. */
  azureBlob: AzureBlobForm;
}

/** GET and HEAD send no body: what was typed for one is kept, but not sent. */
export const sendsBody = (method: string) => method !== "GET" && method !== "HEAD";

/** The form for a stored (or preset) config; a new check starts from the kind's defaults. */
export function httpFormFromConfig(config: Partial<HttpConfig> = {}): HttpFormState {
  const a = config.assertion;
  const auth = config.auth;
  return {
    method: config.method ?? HTTP_DEFAULTS.method,
    url: config.url ?? "",
    headers: config.headers ?? [],
    body: config.body ?? "",
    expectedStatus: config.expectedStatus ?? HTTP_DEFAULTS.expectedStatus,
    assertionType: a?.type ?? "none",
    jsonPath: a?.type === "json_path" ? a.path : "$.status",
    equals: a?.type === "json_path" ? (a.equals ?? "") : "",
    bodyContains: a?.type === "body_contains" ? a.text : "",
    latencyBudgetMs: config.latencyBudgetMs?.toString() ?? "",
    minHeadroom: config.minRateLimitHeadroomPercent?.toString() ?? "",
    authType: auth?.type ?? "none",
    authToken: auth?.type === "bearer" ? auth.token : "",
    authUsername: auth?.type === "basic" ? auth.username : "",
    authPassword: auth?.type === "basic" ? (auth.password ?? "") : "",
    apiKeyName: auth?.type === "api_key" ? auth.name : "X-API-Key",
    apiKeyValue: auth?.type === "api_key" ? auth.value : "",
    apiKeyIn: auth?.type === "api_key" ? (auth.in ?? "header") : "header",
    awsSigV4: awsSigV4FormFrom(auth),
    azureBlob: azureBlobFormFrom(auth),
  };
}

/** The config to send: blank rows and fields left out, only the chosen auth and assertion, a body only where one is sent. */
export function httpConfigFromForm(s: HttpFormState): z.input<typeof httpConfigSchema> {
  return {
    method: s.method as HttpMethod,
    url: s.url,
    headers: s.headers.filter((h) => h.name.trim() || h.value.trim()),
    body: s.body && sendsBody(s.method) ? s.body : undefined,
    expectedStatus: s.expectedStatus,
    latencyBudgetMs: optionalNumber(s.latencyBudgetMs),
    minRateLimitHeadroomPercent: optionalNumber(s.minHeadroom),
    auth:
      s.authType === "bearer"
        ? { type: "bearer", token: s.authToken }
        : s.authType === "basic"
          ? { type: "basic", username: s.authUsername, password: s.authPassword }
          : s.authType === "api_key"
            ? { type: "api_key", name: s.apiKeyName, value: s.apiKeyValue, in: s.apiKeyIn }
            : s.authType === "aws_sigv4"
              ? awsSigV4AuthFrom(s.awsSigV4)
              : s.authType === "azure_shared_key"
                ? azureSharedKeyAuthFrom(s.azureBlob)
                : s.authType === "azure_sas"
                  ? azureSasAuthFrom(s.azureBlob)
                  : undefined,
    assertion:
      s.assertionType === "json_path"
        ? { type: "json_path", path: s.jsonPath, equals: s.equals === "" ? undefined : s.equals }
        : s.assertionType === "body_contains"
          ? { type: "body_contains", text: s.bodyContains }
          : undefined,
  };
}
