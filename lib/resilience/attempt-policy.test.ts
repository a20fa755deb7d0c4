import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ATTEMPT_FINISHED, attemptPolicy, RetryableFailure, TaskCancelledError, withTimeout } from "./attempt-policy";

describe("withTimeout", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("resolves with the attempt's value and then aborts its signal with the shared finished reason", async () => {
    let seen: AbortSignal | undefined;
    const value = await withTimeout(1_000, async (signal) => {
      seen = signal;
      expect(signal.aborted).toBe(false);
      return 42;
    });
    expect(value).toBe(42);
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).toBe(ATTEMPT_FINISHED);
    expect((seen!.reason as DOMException).name).toBe("AbortError");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts the signal after a rejection too, and passes the error on", async () => {
    let seen: AbortSignal | undefined;
    const boom = new Error("boom");
    await expect(
      withTimeout(1_000, (signal) => {
        seen = signal;
        return Promise.reject(boom);
      }),
    ).rejects.toBe(boom);
    expect(seen!.reason).toBe(ATTEMPT_FINISHED);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("turns a synchronous throw into a rejection", async () => {
    const boom = new Error("sync");
    await expect(
      withTimeout(1_000, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });

  it("rejects with TaskCancelledError at the timeout, whatever the attempt does, with a real AbortError on its signal", async () => {
    let seen: AbortSignal | undefined;
    const late = withTimeout(500, (signal) => {
      seen = signal;
      return new Promise<number>(() => undefined); // never settles
    });
    const outcome = late.then(
      () => "resolved",
      (err: unknown) => err,
    );
    await vi.advanceTimersByTimeAsync(499);
    expect(seen!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const err = await outcome;
    expect(err).toBeInstanceOf(TaskCancelledError);
    expect((err as Error).message).toBe("Operation timed out after 500ms");
    expect(seen!.aborted).toBe(true);
    expect(seen!.reason).not.toBe(ATTEMPT_FINISHED);
    expect((seen!.reason as DOMException).name).toBe("AbortError");
  });

  it("ignores what the attempt does after it timed out (no unhandled rejection, the first outcome stands)", async () => {
    let fail: (err: Error) => void = () => undefined;
    const late = withTimeout(10, () => new Promise<number>((_, reject) => (fail = reject)));
    const caught = late.catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(10);
    fail(new Error("after the timeout"));
    expect(await caught).toBeInstanceOf(TaskCancelledError);
  });
});

describe("attemptPolicy", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("runs once without retries: a retryable failure is the outcome", async () => {
    const policy = attemptPolicy({ retries: 0, timeoutMs: 1_000 });
    const attempts: number[] = [];
    const failure = new RetryableFailure("nope");
    await expect(
      policy.execute(async ({ attempt }) => {
        attempts.push(attempt);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(attempts).toEqual([1]);
  });

  it("retries retryable failures and timeouts with backoff, a fresh signal per attempt, reporting each delay", async () => {
    const delays: number[] = [];
    const policy = attemptPolicy({ retries: 2, timeoutMs: 100, initialDelayMs: 50, random: () => 0.5, onRetry: (d) => delays.push(d) });
    const signals: AbortSignal[] = [];
    const run = policy.execute(async ({ attempt, signal }) => {
      signals.push(signal);
      if (attempt === 1) throw new RetryableFailure("first");
      if (attempt === 2) return new Promise<string>(() => undefined); // times out
      return `ok on ${attempt}`;
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await run).toBe("ok on 3");
    expect(delays).toEqual([25, 50]);
    expect(new Set(signals).size).toBe(3);
    expect(signals.every((s) => s.aborted)).toBe(true);
  });

  it("gives up after the retries with the last failure", async () => {
    const policy = attemptPolicy({ retries: 1, timeoutMs: 100, initialDelayMs: 1, random: () => 0 });
    let n = 0;
    const run = policy.execute(async () => {
      throw new RetryableFailure(++n);
    });
    const caught = run.catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(10);
    const err = await caught;
    expect(err).toBeInstanceOf(RetryableFailure);
    expect((err as RetryableFailure).detail).toBe(2);
  });
});
