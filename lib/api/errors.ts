// The one typed error of the API and the one place that turns any error into the response shape
// `{ error: { code, message, details } }` (STYLE.md principle 8).
import { z } from "zod";
import { isDatabaseUnavailable } from "../db/unavailable";

export { isDatabaseUnavailable };

export type ApiErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unprocessable"
  | "rate_limited"
  | "unavailable"
  | "internal";

/** The HTTP status of each code: a code means one status everywhere, so callers name only the code. */
export const STATUS_OF = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<ApiErrorCode, number>;

/** Field errors keyed by dotted path, as the forms show them under each field. */
export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS_OF[code];
  }

  /** "No <what> with that id": what an unknown id, or one that cannot exist, answers. */
  static notFound(what: string): ApiError {
    return new ApiError("not_found", `No ${what} with that id`);
  }

  static badRequest(message: string): ApiError {
    return new ApiError("bad_request", message);
  }

  /** The form's field errors, under the same message a schema's errors get. */
  static invalidFields(fields: FieldErrors): ApiError {
    return new ApiError("validation_failed", "Some fields are not valid", { fields });
  }

  static forbidden(message: string, details?: unknown): ApiError {
    return new ApiError("forbidden", message, details);
  }

  static conflict(message: string, details?: unknown): ApiError {
    return new ApiError("conflict", message, details);
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

/** Field errors keyed by dotted path, e.g. { "config.url": ["Enter a full http:// or https:// URL"] }. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
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
