// Retry with backoff around a per-attempt timeout, built from cockatiel. The wrapped function gets an
// AbortSignal that fires when its attempt times out; failures it throws as RetryableFailure are retried.
import { handleType, retry, timeout, TimeoutStrategy, wrap, TaskCancelledError } from "cockatiel";
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

export function attemptPolicy(options: AttemptPolicyOptions) {
  const retryPolicy = retry(handleType(RetryableFailure).orType(TaskCancelledError), {
    maxAttempts: options.retries,
    backoff: exponentialBackoff({
      initialDelayMs: options.initialDelayMs ?? 200,
      maxDelayMs: options.maxDelayMs ?? 5_000,
      random: options.random,
    }),
  });
  if (options.onRetry) retryPolicy.onRetry(({ delay, attempt }) => options.onRetry?.(delay, attempt));
  const timeoutPolicy = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
  const policy = wrap(retryPolicy, timeoutPolicy);
  return {
    execute<T>(fn: (ctx: AttemptContext) => Promise<T>): Promise<T> {
      let attempt = 0;
      // A signal of our own per execution: cockatiel otherwise hangs every run's abort listener on one shared
      // never-aborted signal, which trips Node's listener-leak warning under concurrency.
      const ctrl = new AbortController();
      return policy.execute(({ signal }) => fn({ attempt: ++attempt, signal }), ctrl.signal);
    },
  };
}

export { TaskCancelledError };
