// `tether status`'s text: one row per integration (health, name, kind, 24 h uptime, p95, last error), the open
// incidents, and a verdict line. Pure: rows in, text out; the exit code is decided in ../status.ts.
import type { Health, IncidentRow, IntegrationRow } from "../api-schemas";
import type { Style } from "./style";

const MARK: Record<Health, (s: Style) => string> = {
  healthy: (s) => s.green("●"),
  degraded: (s) => s.yellow("●"),
  down: (s) => s.red("●"),
  paused: (s) => s.dim("○"),
  pending: (s) => s.blue("○"),
};

const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(n >= 0.9995 ? 0 : 2)}%`);
const latency = (n: number | null) => (n === null ? "—" : `${Math.round(n)} ms`);
const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - [...text].length));

export function renderStatusText(rows: IntegrationRow[], incidents: IncidentRow[], failing: IntegrationRow[], s: Style): string {
  if (rows.length === 0) return "No integrations match.\n";
  const nameWidth = Math.min(40, Math.max(4, ...rows.map((r) => [...r.name].length)));
  const kindWidth = Math.max(4, ...rows.map((r) => r.kind.length));
  const out = [s.dim(`  ${pad("NAME", nameWidth)}  ${pad("KIND", kindWidth)}  ${pad("STATUS", 8)}  ${pad("UPTIME", 7)}  ${pad("P95", 8)}  LAST ERROR`)];
  for (const r of rows) {
    const error = r.status === "healthy" || !r.lastError ? "" : r.lastError.length > 80 ? `${r.lastError.slice(0, 77)}...` : r.lastError;
    out.push(
      `${MARK[r.status](s)} ${pad(r.name, nameWidth)}  ${pad(r.kind, kindWidth)}  ${pad(r.status, 8)}  ${pad(pct(r.uptime), 7)}  ${pad(latency(r.p95Ms), 8)}  ${error}`,
    );
  }
  if (incidents.length > 0) {
    out.push("", s.bold(`${incidents.length} open incident${incidents.length === 1 ? "" : "s"}:`));
    for (const i of incidents) out.push(`  ${i.severity === "critical" ? s.red(i.severity) : s.yellow(i.severity)}  ${i.integration.name}: ${i.summary}`);
  }
  const counts = new Map<Health, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const summary = [...counts].map(([h, n]) => `${n} ${h}`).join(", ");
  out.push(
    "",
    failing.length === 0
      ? `${s.green("PASS")} ${rows.length} integrations: ${summary}`
      : `${s.red("FAIL")} ${failing.map((r) => r.name).join(", ")} (${summary})`,
  );
  return out.join("\n") + "\n";
}
