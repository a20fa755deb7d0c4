// Abort plumbing for probes built on client libraries that take no AbortSignal of their own.

/** Rejects as soon as the signal aborts; the work's own rejection afterwards is expected and dropped. */
export function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new DOMException("The probe was aborted", "AbortError"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * The runner aborts the attempt's signal when its time runs out; a deadline of the probe's own as well means a
 * step without a timeout of its own can never hang a direct call (a test, a script) either.
 */
export function withDeadline(signal: AbortSignal, timeoutMs: number): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
}
