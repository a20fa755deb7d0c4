// Expected-status specs such as "2xx", "200", "200,204" or "200-299, 304": parsed once, matched per run.

export type StatusRange = readonly [min: number, max: number];

const PART = /^(?:([1-5])xx|(\d{3})(?:\s*-\s*(\d{3}))?)$/i;

/** Parses a spec; returns the ranges, or an error message naming the offending part. */
export function parseStatusSpec(spec: string): { ok: true; ranges: StatusRange[] } | { ok: false; error: string } {
  const parts = spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { ok: false, error: "Enter at least one status, e.g. 2xx or 200,204" };
  const ranges: StatusRange[] = [];
  for (const part of parts) {
    const m = PART.exec(part);
    if (!m) return { ok: false, error: `"${part}" is not a status, a class like 2xx, or a range like 200-299` };
    if (m[1]) {
      const base = Number(m[1]) * 100;
      ranges.push([base, base + 99]);
      continue;
    }
    const min = Number(m[2]);
    const max = m[3] ? Number(m[3]) : min;
    if (min < 100 || max > 599 || min > max) return { ok: false, error: `"${part}" is outside 100-599 or reversed` };
    ranges.push([min, max]);
  }
  return { ok: true, ranges };
}

export function statusMatches(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some(([min, max]) => status >= min && status <= max);
}
