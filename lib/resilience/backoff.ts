// Exponential backoff with full jitter (delay drawn from [0, min(cap, base * 2^n))), as cockatiel's
// ExponentialBackoff generator, with the random source injectable so tests can pin it.
import { ExponentialBackoff, type GeneratorFn } from "cockatiel";

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  random?: () => number;
}

export function fullJitter(random: () => number = Math.random): GeneratorFn<number> {
  return (attempt = 0, options) => {
    const ceiling = Math.min(options.maxDelay, options.initialDelay * options.exponent ** attempt);
    return [Math.floor(random() * ceiling), attempt + 1];
  };
}

export function exponentialBackoff({ initialDelayMs, maxDelayMs, random }: BackoffOptions): ExponentialBackoff<number> {
  return new ExponentialBackoff({ generator: fullJitter(random), initialDelay: initialDelayMs, maxDelay: maxDelayMs, exponent: 2 });
}

/** The delays a backoff would produce for `count` retries: for tests and for showing the policy in the UI. */
export function delaysOf(backoff: ExponentialBackoff<number>, count: number): number[] {
  const delays: number[] = [];
  let step = backoff.next();
  for (let i = 0; i < count; i++) {
    delays.push(step.duration);
    step = step.next(undefined);
  }
  return delays;
}
