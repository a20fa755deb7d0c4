// Retry with backoff around a per-attempt timeout. The wrapped function gets an AbortSignal that fires when its
// attempt times out (the attempt then fails at once with TaskCancelledError, whatever the function does) and when
// the attempt is over either way, so whatever it left open is let go; failures it throws as RetryableFailure, and
// timeouts, are retried. The retry is cockatiel's. The timeout is this file's own: cockatiel's TimeoutPolicy costs,
// per attempt, a derived AbortController with listeners on two signals, a promise race and, aborting on return, an
// AbortError (a DOMException that captures a stack): a tenth of a probe's CPU at 1,000 probes/s. Here an attempt
// is one AbortController, one timer and one promise, and a finished attempt's signal aborts with a shared reason.
import { handleType, retry, TaskCancelledError } from "cockatiel";
import { exponentialBackoff } from "./backoff";

export class RetryableFailure extends Error {
  constructor(readonly detail: unknown) {
    super("retryable failure");
  }
}

export interface AttemptPolicyOptions {
  /** Retries after the first attempt. */
  retries: number;
  timeoutMs: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  onRetry?: (delayMs: number, attempt: number) => void;
}

export interface AttemptContext {
  attempt: number;
  signal: AbortSignal;
}

/** Why a finished attempt's signal aborts: an AbortError as any abort's, made once rather than per attempt. */
export const ATTEMPT_FINISHED: DOMException = new DOMException("The attempt has finished", "AbortError");

/**
 * Runs `fn` with a signal that aborts after `timeoutMs` (rejecting with TaskCancelledError at that moment) or once
 * `fn` settles (with ATTEMPT_FINISHED as its reason), whichever comes first.
 */
export function withTimeout<T>(timeoutMs: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctrl = new AbortController();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      ctrl.abort();
      reject(new TaskCancelledError(`Operation timed out after ${timeoutMs}ms`));
    }, timeoutMs);
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctrl.abort(ATTEMPT_FINISHED);
      settle();
    };
    let run: Promise<T>;
    try {
      run = Promise.resolve(fn(ctrl.signal));
    } catch (err) {
      run = Promise.reject(err);
    }
    run.then(
      (value) => finish(() => resolve(value)),
      (err: unknown) => finish(() => reject(err)),
    );
  });
}

export function attemptPolicy(options: AttemptPolicyOptions) {
  // No retries (the common case at scale): no retry policy to build or run.
  const retryPolicy =
    options.retries > 0
      ? retry(handleType(RetryableFailure).orType(TaskCancelledError), {
          maxAttempts: options.retries,
          backoff: exponentialBackoff({
            initialDelayMs: options.initialDelayMs ?? 200,
            maxDelayMs: options.maxDelayMs ?? 5_000,
            random: options.random,
          }),
        })
      : null;
  if (retryPolicy && options.onRetry) retryPolicy.onRetry(({ delay, attempt }) => options.onRetry?.(delay, attempt));
  return {
    execute<T>(fn: (ctx: AttemptContext) => Promise<T>): Promise<T> {
      let attempt = 0;
      const once = () => withTimeout(options.timeoutMs, (signal) => fn({ attempt: ++attempt, signal }));
      if (!retryPolicy) return once();
      // A signal of our own per execution: cockatiel otherwise hangs every run's abort listener on one shared
      // never-aborted signal, which trips Node's listener-leak warning under concurrency.
      return retryPolicy.execute(once, new AbortController().signal);
    },
  };
}

export { TaskCancelledError };
