// How numbers, durations, sizes and dates read on screen: one module, pure, so every view says "1.25 s" or
// "4 min" the same way. Relative times ("3m ago") live beside it in ./relative-time.ts.

/** A latency or timeout: "<1 ms", "420 ms", "1.25 s", "12.5 s"; a dash when there is none. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1) return "<1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** A ratio (0..1) as a percentage: "99.95%"; a dash when there is none. */
export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** "4 min", "2 h 5 min", "3 d 4 h": how long something lasted (or has lasted). */
export function formatDuration(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000));
  if (m < 1) return `${Math.max(0, Math.floor(ms / 1000))} s`;
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** A count with the reader's digit grouping: "12,345". `locale` is for tests; screens use the reader's. */
export function formatCount(n: number, locale?: string): string {
  return n.toLocaleString(locale);
}

/**
 * A number of probe runs: "1 run", "15 runs", "12,345 runs". Grouped the same way on the server and in every browser
 * (as the SLO pages do), so a server-rendered count never differs from the hydrated one.
 */
export function formatRuns(n: number): string {
  return `${formatCount(n, "en")} run${n === 1 ? "" : "s"}`;
}

/** A size: "512 B", "1.2 KiB", "256 KiB", "1 MiB" (binary units; one decimal below ten, trailing ".0" dropped). */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

type When = string | number | Date;

/** A timestamp in full, for tooltips: the reader's locale and time zone. */
export function formatTimestamp(at: When): string {
  return new Date(at).toLocaleString();
}

/** A timestamp in short: "Mar 4, 09:12" (with `seconds`, "Mar 4, 09:12:05"). */
export function formatWhen(at: When, { seconds = false }: { seconds?: boolean } = {}): string {
  return new Date(at).toLocaleString(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  });
}

/** A chart axis tick: the day when the chart spans more than two days, else the time of day. */
export function formatTick(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs > 2 * 86_400_000) return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}
