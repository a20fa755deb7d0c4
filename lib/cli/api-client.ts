// The CLI's one way to a Tether server: TETHER_URL (default http://localhost:3000) and TETHER_TOKEN from the
// environment, JSON in and out, and every way a call can fail turned into an ApiCallError whose message says what
// to do. The token is sent only as a header and never appears in a message.
import { z } from "zod";
import { UsageError } from "./args";

export const DEFAULT_TETHER_URL = "http://localhost:3000";
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface ApiConfig {
  /** The server's origin and base path, without a trailing slash. */
  baseUrl: string;
  token: string;
}

/** Reads TETHER_URL and TETHER_TOKEN; a missing token or a bad URL is a usage error (exit 3) before any request. */
export function apiConfigFrom(env: Readonly<Record<string, string | undefined>>): ApiConfig {
  const token = env.TETHER_TOKEN?.trim();
  if (!token) throw new UsageError("TETHER_TOKEN is not set: create an API token under Settings → API tokens and export it as TETHER_TOKEN");
  const raw = env.TETHER_URL?.trim() || DEFAULT_TETHER_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`TETHER_URL "${raw}" is not a URL; use the address of the dashboard, e.g. ${DEFAULT_TETHER_URL}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`TETHER_URL "${raw}" must be an http:// or https:// URL`);
  return { baseUrl: url.href.replace(/\/+$/, ""), token };
}

export type ApiFailureKind = "unreachable" | "unauthorized" | "forbidden" | "not_found" | "rejected" | "invalid_response";

/** A call that did not give the answer asked for: the server could not be reached, refused it, or answered nonsense. */
export class ApiCallError extends Error {
  override name = "ApiCallError";
  constructor(
    message: string,
    readonly kind: ApiFailureKind,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const errorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface ApiClient {
  readonly baseUrl: string;
  /** The server's URL for an API path, e.g. `/api/mcp`. */
  url(path: string): string;
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
  post<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T>;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function describeCause(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  if (cause instanceof Error) return "code" in cause && typeof cause.code === "string" ? `${cause.code}: ${cause.message}` : cause.message;
  return String(cause);
}

export function createApiClient(config: ApiConfig, options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  async function call<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    const url = config.baseUrl + path;
    const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${config.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.any(signals),
        redirect: "manual",
      });
    } catch (err) {
      const why = err instanceof Error && err.name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : describeCause(err);
      throw new ApiCallError(`could not reach Tether at ${config.baseUrl} (${why}); check TETHER_URL`, "unreachable");
    }
    const text = await res.text();
    let data: unknown;
    try {
      data = text === "" ? null : JSON.parse(text);
    } catch {
      data = undefined;
    }
    if (!res.ok) {
      const parsed = errorBody.safeParse(data);
      const detail = parsed.success ? parsed.data.error.message : `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
      const code = parsed.success ? parsed.data.error.code : undefined;
      if (res.status === 401)
        throw new ApiCallError(`Tether refused TETHER_TOKEN (401): ${detail}. Is it revoked, expired or mistyped?`, "unauthorized", 401, code);
      if (res.status === 403) throw new ApiCallError(`the token may not do this (403): ${detail}`, "forbidden", 403, code);
      if (res.status === 404) throw new ApiCallError(`not found (404): ${detail}`, "not_found", 404, code);
      if (res.status >= 300 && res.status < 400)
        throw new ApiCallError(
          `Tether at ${config.baseUrl} redirected ${method} ${path} (${res.status}); is TETHER_URL the dashboard's address?`,
          "rejected",
          res.status,
        );
      throw new ApiCallError(`${method} ${path} failed (${res.status}): ${detail}`, "rejected", res.status, code);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      throw new ApiCallError(
        `${method} ${path} answered something this CLI does not understand; is TETHER_URL a Tether server of this version?`,
        "invalid_response",
        res.status,
      );
    return parsed.data;
  }

  return {
    baseUrl: config.baseUrl,
    url: (path) => config.baseUrl + path,
    get: (path, schema) => call("GET", path, schema),
    post: (path, schema, body) => call("POST", path, schema, body),
  };
}
