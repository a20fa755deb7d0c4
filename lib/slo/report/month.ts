// Report months: "YYYY-MM" in UTC, the [from, to) they span, the last full month before a clock reading, and the
// part of a month that has happened by then (a report on the current month stops at now).
import { z } from "zod";

export const monthSchema = z
  .string({ error: "Give the month as YYYY-MM" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM, e.g. 2026-11")
  .refine((m) => Number(m.slice(0, 4)) >= 2000, "Months before 2000 hold no data");

export interface MonthRange {
  month: string;
  /** The first UTC midnight of the month. */
  from: number;
  /** The first UTC midnight of the next month. */
  to: number;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function monthRange(month: string): MonthRange {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1;
  return { month, from: Date.UTC(year, m, 1), to: Date.UTC(year, m + 1, 1) };
}

export const monthOf = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
};

/** The calendar month before the one `now` falls in: the default report, the last one that is complete. */
export function lastFullMonth(now: number): string {
  const d = new Date(now);
  return monthOf(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
}

export type MonthState = "complete" | "in_progress" | "future";

/** How much of the month lies before now: all of it, part of it (it ends at now), or none. */
export function elapsed(range: MonthRange, now: number): { state: MonthState; to: number } {
  if (now >= range.to) return { state: "complete", to: range.to };
  if (now <= range.from) return { state: "future", to: range.from };
  return { state: "in_progress", to: now };
}

/** Minutes in [from, to). */
export const minutesBetween = (from: number, to: number): number => Math.max(0, to - from) / 60_000;
