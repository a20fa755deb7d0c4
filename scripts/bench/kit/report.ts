// What the benchmarks print: fixed-width figures and plain-text tables, so a run reads the same in a terminal, a CI
// log and a README. Nothing here measures; it only formats.
import { loadavg } from "node:os";

/** A figure to `digits` decimals; "n/a" for a figure that could not be measured (null, undefined, NaN, Infinity). */
export const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || !Number.isFinite(n) ? "n/a" : n.toFixed(digits));

/** A count, rounded, with thousands separators: 12,345. */
export const int = (n: number): string => Math.round(n).toLocaleString("en");

/** A target met, missed, or not measurable. */
export const verdict = (ok: boolean | null): string => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

/** The machine's 1, 5 and 15-minute load averages: "1.32 1.00 0.51". */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Columns padded to their widest cell, two spaces apart; the first row is the header, underlined with dashes. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r, i) => {
      const line = r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}
