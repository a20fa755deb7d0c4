// Azure Storage auth: Shared Key, the documented HMAC-SHA256 over the verb, the standard headers, the x-ms-* headers and
// the canonicalized resource ("Authorize with Shared Key"), with node:crypto; and a SAS token, appended to the query.
// Azure names a refusal in `x-ms-error-code` and the XML body (AuthenticationFailed, AuthorizationFailure, …).
import { createHmac } from "node:crypto";
import type { AzureSasAuth, AzureSharedKeyAuth } from "./azure-blob-config";
import type { AuthHandler, AuthRequest, ReceivedResponse } from "./types";
import { describeRefusal, parseStorageError } from "./storage-error";
import type { Failure } from "../../shared/failure";

/** The REST version the probe speaks: sent as x-ms-version, and part of what is signed. */
export const AZURE_STORAGE_VERSION = "2025-01-05";

const STANDARD_HEADERS = [
  "content-encoding",
  "content-language",
  "content-length",
  "content-md5",
  "content-type",
  "date",
  "if-modified-since",
  "if-match",
  "if-none-match",
  "if-unmodified-since",
  "range",
] as const;

const AUTH_CODES = new Set([
  "AuthenticationFailed",
  "AuthorizationFailure",
  "AuthorizationPermissionMismatch",
  "AuthorizationResourceTypeMismatch",
  "AuthorizationServiceMismatch",
  "AuthorizationSourceIPMismatch",
  "AuthorizationProtocolMismatch",
  "InvalidAuthenticationInfo",
  "NoAuthenticationInformation",
]);

/** The string Shared Key signs, for a request whose headers already carry x-ms-date and x-ms-version. */
export function sharedKeyStringToSign(request: { method: string; url: string; headers: Record<string, string> }, accountName: string): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const standard = STANDARD_HEADERS.map((name) => {
    const value = headers[name] ?? "";
    // Since 2015-02-21 a zero Content-Length is signed as empty; Date is empty when x-ms-date is sent.
    if (name === "content-length" && value === "0") return "";
    if (name === "date" && headers["x-ms-date"]) return "";
    return value;
  });
  const canonicalHeaders = Object.keys(headers)
    .filter((name) => name.startsWith("x-ms-"))
    .sort()
    .map((name) => `${name}:${headers[name]!.replace(/\s+/g, " ").trim()}\n`)
    .join("");
  const url = new URL(request.url);
  const params = new Map<string, string[]>();
  for (const [name, value] of url.searchParams) params.set(name.toLowerCase(), [...(params.get(name.toLowerCase()) ?? []), value]);
  const canonicalResource =
    `/${accountName}${url.pathname || "/"}` +
    [...params.keys()]
      .sort()
      .map((name) => `\n${name}:${params.get(name)!.sort().join(",")}`)
      .join("");
  return [request.method.toUpperCase(), ...standard].join("\n") + "\n" + canonicalHeaders + canonicalResource;
}

export function signSharedKey(request: AuthRequest, auth: AzureSharedKeyAuth, now: Date): AuthRequest {
  const headers: Record<string, string> = {
    ...request.headers,
    "x-ms-date": now.toUTCString(),
    "x-ms-version": request.headers["x-ms-version"] ?? AZURE_STORAGE_VERSION,
  };
  // undici sends Content-Length for a body: the signed one must be the same.
  if (request.body) headers["content-length"] = String(Buffer.byteLength(request.body));
  const stringToSign = sharedKeyStringToSign({ ...request, headers }, auth.accountName);
  const signature = createHmac("sha256", Buffer.from(auth.accountKey, "base64")).update(stringToSign, "utf8").digest("base64");
  return { ...request, headers: { ...headers, authorization: `SharedKey ${auth.accountName}:${signature}` } };
}

/** The token's own parameters added to the URL's; a token copied with its leading "?" works too. */
export function withSasToken(request: AuthRequest, auth: AzureSasAuth): AuthRequest {
  const url = new URL(request.url);
  for (const [name, value] of new URLSearchParams(auth.sasToken.replace(/^\?/, ""))) url.searchParams.set(name, value);
  return { ...request, url: url.toString(), headers: { ...request.headers, "x-ms-version": request.headers["x-ms-version"] ?? AZURE_STORAGE_VERSION } };
}

export function azureRefusal(response: ReceivedResponse): Failure | null {
  const headerCode = response.headers["x-ms-error-code"];
  const error = parseStorageError(response.body);
  const code = (Array.isArray(headerCode) ? headerCode[0] : headerCode) ?? error?.code ?? null;
  if (response.status !== 401 && response.status !== 403 && !(code && AUTH_CODES.has(code))) return null;
  return { errorClass: "auth", message: `The credentials were refused: ${describeRefusal(response.status, code, error?.message ?? null)}`, retryable: false };
}

export const azureSharedKey: AuthHandler<AzureSharedKeyAuth> = async (auth, request, ctx) => ({
  ok: true,
  request: signSharedKey(request, auth, new Date(ctx.now())),
  steps: [],
  refusal: azureRefusal,
});

export const azureSas: AuthHandler<AzureSasAuth> = async (auth, request) => ({
  ok: true,
  request: withSasToken(request, auth),
  steps: [],
  refusal: azureRefusal,
});
