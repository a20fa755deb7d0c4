// The one typed error of the API and the one place that turns any error into the response shape
// `{ error: { code, message, details } }` (STYLE.md principle 8).
import { z } from "zod";

export type ApiErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** Field errors keyed by dotted path, e.g. { "config.url": ["Enter a full http:// or https:// URL"] }. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function isDatabaseUnavailable(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ""} ${err instanceof Error ? err.message : ""}`;
  return /ECONNREFUSED|ENOTFOUND|Can't reach database|P1001|P1017|Connection terminated|too many clients/i.test(text);
}

export function toErrorResponse(err: unknown): { status: number; body: ApiErrorBody; headers?: Record<string, string> } {
  if (err instanceof ApiError)
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } }, headers: err.headers };
  if (err instanceof z.ZodError) {
    return { status: 400, body: { error: { code: "validation_failed", message: "Some fields are not valid", details: { fields: fieldErrors(err) } } } };
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      body: { error: { code: "unavailable", message: "The database is unreachable; try again shortly" } },
      headers: { "retry-after": "5" },
    };
  }
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side" } } };
}
