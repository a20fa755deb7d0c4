// What a probe failed with, before it becomes an outcome: a class, a message for people, and whether the runner
// should try again. The rules every kind shares live here: a timeout reads the same everywhere, and a refusal by
// the SSRF guard or a TLS failure is not retried, since it would only fail the same way.
import { classifyNetworkError } from "../classify-error";
import type { ProbeErrorClass } from "../types";

export interface Failure {
  errorClass: ProbeErrorClass;
  message: string;
  retryable: boolean;
}

/** The attempt ran out of time: the runner's abort, or a client's own timeout set to the attempt's length. */
export function timeoutFailure(timeoutMs: number): Failure {
  return { errorClass: "timeout", message: `No response within ${timeoutMs} ms`, retryable: true };
}

/** A classified error as a failure: timeouts in the shared wording, retried unless blocked or TLS. */
export function toFailure(classified: { errorClass: ProbeErrorClass; message: string }, timeoutMs: number): Failure {
  if (classified.errorClass === "timeout") return timeoutFailure(timeoutMs);
  return { ...classified, retryable: classified.errorClass !== "blocked" && classified.errorClass !== "tls" };
}

/** A network-level error (refused, unresolvable, reset, TLS, the SSRF guard...) as a failure. */
export function networkFailure(err: unknown, timeoutMs: number): Failure {
  return toFailure(classifyNetworkError(err), timeoutMs);
}
