// The soak's verdict from its per-minute rows. Resident memory saws up and down with garbage collection and the
// allocator (one minute's sample moved by ±15% on a steady load), so growth compares the mean of a window of minutes
// right after the warm-up with the mean of the last window of the same length, and a least-squares slope over every
// minute after the warm-up says whether what remains is a trend. The lag is flat when the last window's median p99 is
// within half again the first window's (or 50 ms of it: a small p99 jitters by more than half). Pure.

export interface SoakMinute {
  minute: number;
  /** Mean of the minute's RSS samples, MiB. */
  rssMiB: number;
  lagP99Ms: number;
}

export interface SoakVerdict {
  window: number;
  warmRssMiB: number;
  lastRssMiB: number;
  rssGrowth: number;
  /** MiB per minute, over every minute after the warm-up. */
  rssSlopeMiBPerMinute: number;
  warmLagMs: number;
  lastLagMs: number;
  rssOk: boolean;
  lagOk: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function soakVerdict(minutes: SoakMinute[], warmupMinutes: number, maxGrowth = 0.1): SoakVerdict {
  const after = minutes.filter((m) => m.minute > warmupMinutes);
  if (after.length < 2) throw new Error(`the soak needs at least 2 minutes after its ${warmupMinutes}-minute warm-up (it has ${after.length})`);
  const window = Math.max(1, Math.min(5, Math.floor(after.length / 2)));
  const first = after.slice(0, window);
  const last = after.slice(-window);
  const warmRssMiB = mean(first.map((m) => m.rssMiB));
  const lastRssMiB = mean(last.map((m) => m.rssMiB));
  const xBar = mean(after.map((m) => m.minute));
  const yBar = mean(after.map((m) => m.rssMiB));
  const sxx = after.reduce((s, m) => s + (m.minute - xBar) ** 2, 0);
  const rssSlopeMiBPerMinute = after.reduce((s, m) => s + (m.minute - xBar) * (m.rssMiB - yBar), 0) / sxx;
  const warmLagMs = median(first.map((m) => m.lagP99Ms));
  const lastLagMs = median(last.map((m) => m.lagP99Ms));
  const rssGrowth = (lastRssMiB - warmRssMiB) / warmRssMiB;
  return {
    window,
    warmRssMiB,
    lastRssMiB,
    rssGrowth,
    rssSlopeMiBPerMinute,
    warmLagMs,
    lastLagMs,
    rssOk: rssGrowth < maxGrowth,
    lagOk: lastLagMs <= Math.max(warmLagMs * 1.5, warmLagMs + 50),
  };
}
