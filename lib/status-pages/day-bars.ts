// The history strip of a status page component: one bar a UTC day for the last 90 days, from the members' hour
// rollups summed per day. A day's downtime is the worst member's (minutes of failed runs, pro rata per hour).
export const HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;

/** One member integration's day, as the rollup query sums it. */
export interface MemberDay {
  integrationId: string;
  /** UTC midnight of the day. */
  day: Date;
  runs: number;
  failures: number;
  downtimeMinutes: number;
}

export type DayLevel = "no_data" | "operational" | "degraded" | "outage";

export interface DayBar {
  /** YYYY-MM-DD (UTC). */
  date: string;
  runs: number;
  failures: number;
  uptime: number | null;
  downtimeMinutes: number;
  incidents: number;
  level: DayLevel;
  /** Titles of the status incidents that affected the component that day (public-incidents.ts). */
  statusIncidents?: string[];
}

export interface ComponentHistory {
  bars: DayBar[];
  /** Over the whole window; null with no runs at all. */
  uptime: number | null;
}

/** Below this a day with failures is an outage, above it a degradation. */
export const OUTAGE_UPTIME = 0.95;

const levelOf = (runs: number, failures: number, uptime: number | null): DayLevel =>
  runs === 0 || uptime === null ? "no_data" : failures === 0 ? "operational" : uptime >= OUTAGE_UPTIME ? "degraded" : "outage";

/**
 * Bars for a component whose members are `members`, oldest day first, ending with today (UTC).
 * `incidentStarts` are the start times of the members' alert incidents; each counts on the day it started.
 */
export function componentHistory(
  members: ReadonlySet<string>,
  days: readonly MemberDay[],
  incidentStarts: readonly Date[],
  now: number,
  count = HISTORY_DAYS,
): ComponentHistory {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const first = today - (count - 1) * DAY_MS;
  const bars = Array.from({ length: count }, (_, k) => ({ runs: 0, failures: 0, downtime: 0, incidents: 0, day: first + k * DAY_MS }));
  const slot = (t: number) => {
    const k = Math.floor((t - first) / DAY_MS);
    return k >= 0 && k < count ? bars[k] : undefined;
  };
  for (const d of days) {
    if (!members.has(d.integrationId)) continue;
    const bar = slot(d.day.getTime());
    if (!bar) continue;
    bar.runs += d.runs;
    bar.failures += d.failures;
    bar.downtime = Math.max(bar.downtime, d.downtimeMinutes);
  }
  for (const start of incidentStarts) {
    const bar = slot(start.getTime());
    if (bar) bar.incidents += 1;
  }
  let runs = 0;
  let failures = 0;
  const out = bars.map((b): DayBar => {
    runs += b.runs;
    failures += b.failures;
    const uptime = b.runs === 0 ? null : (b.runs - b.failures) / b.runs;
    return {
      date: new Date(b.day).toISOString().slice(0, 10),
      runs: b.runs,
      failures: b.failures,
      uptime,
      downtimeMinutes: Math.round(b.downtime),
      incidents: b.incidents,
      level: levelOf(b.runs, b.failures, uptime),
    };
  });
  return { bars: out, uptime: runs === 0 ? null : (runs - failures) / runs };
}

/** What a screen reader hears for a bar, and what its tooltip says. */
export function describeDay(bar: DayBar): string {
  const date = new Date(`${bar.date}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  if (bar.level === "no_data") return `${date}: no data${bar.statusIncidents?.length ? `. ${bar.statusIncidents.join("; ")}` : ""}`;
  const pct = formatUptime(bar.uptime);
  const down = bar.downtimeMinutes === 0 ? "no downtime" : `${bar.downtimeMinutes} min down`;
  const inc = bar.incidents === 0 ? "no incidents" : bar.incidents === 1 ? "1 incident" : `${bar.incidents} incidents`;
  const posted = bar.statusIncidents?.length ? `. ${bar.statusIncidents.join("; ")}` : "";
  return `${date}: ${pct} uptime, ${down}, ${inc}${posted}`;
}

/** Uptime as a page shows it: two decimals, never rounded up to 100% while anything failed. */
export function formatUptime(uptime: number | null): string {
  if (uptime === null) return "—";
  const floored = Math.floor(uptime * 10_000) / 100;
  return `${floored.toFixed(2)}%`;
}
