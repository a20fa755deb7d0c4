// Times one probe attempt and builds its outcomes, so every kind reports latency and failures the same way:
// milliseconds to a tenth, a timeout charged the attempt's whole time, details kept only when there are any.
import type { ProbeOutcome } from "../types";
import { timeoutFailure, type Failure } from "./failure";

/** Milliseconds rounded to a tenth, as latencies are shown. */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

type Details = Record<string, unknown>;

const withDetails = (details: Details | undefined) => (details && Object.keys(details).length > 0 ? { details } : {});

/** Starts the clock for an attempt limited to `timeoutMs`. */
export function startAttempt(timeoutMs: number) {
  const started = performance.now();
  const elapsed = () => roundMs(performance.now() - started);
  const failed = (failure: Failure, details?: Details): ProbeOutcome => ({
    ok: false,
    ...failure,
    latencyMs: failure.errorClass === "timeout" ? timeoutMs : elapsed(),
    ...withDetails(details),
  });
  return {
    /** Milliseconds since the attempt started. */
    elapsed,
    /** The outcome for a classified failure. */
    failed,
    /** The outcome for an attempt that ran out of time. */
    timedOut: (details?: Details) => failed(timeoutFailure(timeoutMs), details),
    /** A pass, or an assertion failure when the readings broke a configured limit (`breach` says how). */
    passUnless(breach: string | null, details: Details): ProbeOutcome {
      const latencyMs = elapsed();
      if (breach) return { ok: false, errorClass: "assertion", message: breach, latencyMs, retryable: false, details };
      return { ok: true, latencyMs, details };
    },
  };
}
