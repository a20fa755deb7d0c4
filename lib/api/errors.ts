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

/**
 * The database refused, went away, restarted, or stopped answering within our timeouts (lib/db/client.ts): a 503
 * the caller can retry, not a 500. The cause may be wrapped (Prisma's driver-adapter errors keep it in `cause`).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const text = `${(e as { code?: string })?.code ?? ""} ${e instanceof Error ? e.message : typeof e === "string" ? e : ""}`;
    if (DATABASE_UNAVAILABLE.test(text)) return true;
  }
  return false;
}
const DATABASE_UNAVAILABLE = new RegExp(
  [
    "ECONNREFUSED|ECONNRESET|ENOTFOUND|EPIPE|Can't reach database|P1001|P1002|P1008|P1017|too many clients",
    // P2028: no pool connection for an interactive transaction within its wait
    "P2028|Unable to start a transaction in the given time",
    "Connection terminated|not queryable|Query read timeout|timeout exceeded when trying to connect",
    // statement timeout (57014), admin shutdown (57P01), crash recovery (57P02), starting or shutting down (57P03)
    "57014|57P0[123]|canceling statement due to statement timeout|terminating connection|the database system is",
  ].join("|"),
  "i",
);

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
