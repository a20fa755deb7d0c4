// Relative timestamps ("3m ago", "in 20s") and the shared clock that drives them. Pure and framework-free: the
// clock is injected, so tests move time by hand.

export type Tense = "past" | "future" | "either";

/**
 * `iso` relative to `at`. A past event ("past", the default) never reads as a future one: a timestamp slightly
 * ahead of the clock (another machine's clock, or a clock read a moment ago) says "just now".
 */
export function formatRelative(iso: string, at: number, tense: Tense = "past"): string {
  let diff = Math.round((Date.parse(iso) - at) / 1000);
  if (tense === "past" && diff > 0) diff = 0;
  if (tense === "future" && diff < 0) diff = 0;
  const abs = Math.abs(diff);
  if (abs < 2) return tense === "future" ? "now" : "just now";
  const [value, unit] =
    abs < 60 ? [abs, "s"] : abs < 3_600 ? [Math.floor(abs / 60), "m"] : abs < 86_400 ? [Math.floor(abs / 3_600), "h"] : [Math.floor(abs / 86_400), "d"];
  return diff < 0 ? `${value}${unit} ago` : `in ${value}${unit}`;
}

export interface Ticker {
  subscribe(listener: () => void): () => void;
  /** The time shown: whole seconds, so repeated reads within a render agree; always current when nothing subscribes. */
  getSnapshot(): number;
}

/** One shared 1-second ticker for every relative timestamp on a page (or a fresh reading per server render). */
export function createTicker(clock: () => number = Date.now, every = (fn: () => void) => setInterval(fn, 1_000) as unknown as { unref?(): void }) {
  const read = () => Math.floor(clock() / 1000) * 1000;
  let now = read();
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof every> | null = null;
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      if (!timer) {
        now = read();
        timer = every(() => {
          const next = read();
          if (next === now) return;
          now = next;
          listeners.forEach((l) => l());
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer as Parameters<typeof clearInterval>[0]);
          timer = null;
        }
      };
    },
    getSnapshot() {
      // With nothing subscribed the ticker is not running, so the stored reading may be old: read the clock.
      if (!timer) now = read();
      return now;
    },
  } satisfies Ticker;
}
