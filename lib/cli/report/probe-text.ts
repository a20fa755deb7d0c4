// `tether probe`'s text: the outcome on one line, then the trace attempt by attempt (offset, duration, status,
// classified error, the backoff waited), then the readings. Pure: the run in, lines out.
import type { ProbeRunView } from "../api-schemas";
import type { Style } from "./style";

const ms = (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function excerpt(body: string): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

export function renderProbeText(name: string, run: ProbeRunView, s: Style): string {
  const out: string[] = [];
  const facts = [
    run.latencyMs === null ? null : ms(run.latencyMs),
    run.httpStatus === null ? null : `HTTP ${run.httpStatus}`,
    plural(run.attempts, "attempt"),
    `circuit ${run.circuitState}`,
  ].filter(Boolean);
  if (run.ok) out.push(`${s.green("✔")} ${s.bold(name)} ok · ${facts.join(" · ")}`);
  else
    out.push(
      `${s.red("✖")} ${s.bold(name)} failed: ${run.errorClass ?? "unknown"}${run.errorMessage ? ` — ${run.errorMessage}` : ""}`,
      `  ${facts.join(" · ")}`,
    );

  const t = run.trace;
  out.push(
    s.dim(
      `  trace: circuit ${t.circuitBefore} before (${t.circuitAdmission}), ${plural(t.policy.retries, "retry", "retries")} allowed, timeout ${ms(t.policy.timeoutMs)}, ${ms(t.totalMs)} in all`,
    ),
  );
  for (const a of t.attempts) {
    const mark = a.ok ? s.green("ok") : s.red(a.errorClass ?? "failed");
    const status = a.status === undefined ? "" : ` HTTP ${a.status}`;
    out.push(`  #${a.attempt}  +${ms(a.startedAtMs)}  ${ms(a.durationMs)}  ${mark}${status}${a.message ? `  ${a.message}` : ""}`);
    if (a.bodyExcerpt) out.push(s.dim(`      body: ${excerpt(a.bodyExcerpt)}`));
    if (a.retryDelayMs !== undefined) out.push(s.dim(`      waited ${ms(a.retryDelayMs)} before the next attempt`));
  }
  const readings = Object.entries(run.details ?? {});
  if (readings.length > 0) {
    out.push("  readings:");
    for (const [k, v] of readings) out.push(`    ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  }
  return out.join("\n") + "\n";
}
