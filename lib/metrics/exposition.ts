// Renders metric families in the Prometheus text exposition format (0.0.4) by building the string directly: one
// pass, no registry. prom-client's registry cost ~50 µs a series (most of a 1,000-integration scrape); this is the
// same format, checked by promtool in metrics.int.test.ts. Escaping per the format: label values escape `\`, `"` and
// newlines; HELP escapes `\` and newlines. Non-finite values are written +Inf, -Inf, NaN.
import type { Labels, MetricFamily } from "./families";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const escapeHelp = (s: string) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const escapeLabel = (s: string) => (/[\\"\n]/.test(s) ? s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") : s);

export function formatValue(v: number): string {
  if (Number.isFinite(v)) return String(v);
  return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
}

function labelText(labels: Labels): string {
  let out = "";
  for (const key in labels) out += `${out ? "," : ""}${key}="${escapeLabel(labels[key]!)}"`;
  return out ? `{${out}}` : "";
}

export function renderExposition(families: readonly MetricFamily[]): string {
  const parts: string[] = [];
  for (const f of families) {
    parts.push(`# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`);
    for (const s of f.samples) parts.push(`${s.metricName ?? f.name}${labelText(s.labels)} ${formatValue(s.value)}\n`);
  }
  return parts.join("");
}
