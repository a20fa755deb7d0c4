"use client";
import { CheckCircle2, XCircle, Clock3 } from "lucide-react";
import type { ProbeRunView } from "@/lib/integrations/types";
import { formatMs } from "@/lib/domain/format";
import { bySeverity, findingsOf } from "@/lib/mcp/findings";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/cn";
import { assertionResultsOf } from "@/lib/probes/shared/assertions/results";
import { AssertionResults } from "./assertion-results";
import { CircuitBadge } from "./status";

/** A detail as one line: MCP findings as "severity rule (subject)", whole tool definitions only counted. */
function detailText(key: string, value: unknown, details: Record<string, unknown>): string {
  if (key === "findings") {
    const findings = bySeverity(findingsOf(details) ?? []);
    return findings.length === 0 ? "none" : findings.map((f) => `${f.severity} ${f.rule}${f.subject ? ` (${f.subject})` : ""}`).join("; ");
  }
  if (key === "toolDefinitions" && Array.isArray(value)) return `${value.length} tool definition${value.length === 1 ? "" : "s"} recorded`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The whole story of one run: admission by the circuit, each attempt with timing, the backoff between. */
export function ProbeTrace({ run }: { run: ProbeRunView }) {
  const { trace } = run;
  const scale = Math.max(trace.totalMs, 1);
  const assertions = assertionResultsOf(run.details);
  // Assertions get their own list; the other readings stay a key/value grid.
  const readings = Object.entries(run.details ?? {}).filter(([k]) => !(assertions && k === "assertions"));
  return (
    <div className="grid gap-3 text-sm" data-testid="probe-trace">
      <div className="flex flex-wrap items-center gap-2">
        {run.ok ? (
          <Badge tone="ok">
            <CheckCircle2 className="size-3.5" /> Passed
          </Badge>
        ) : (
          <Badge tone="bad">
            <XCircle className="size-3.5" /> {run.errorClass ?? "failed"}
          </Badge>
        )}
        <span className="tabular text-muted-foreground">
          {formatMs(run.latencyMs)}
          {run.httpStatus ? ` · HTTP ${run.httpStatus}` : ""} · {run.attempts} attempt{run.attempts === 1 ? "" : "s"} · total {formatMs(trace.totalMs)}
        </span>
        <span className="ml-auto flex items-center gap-1.5 text-xs text-muted-foreground">
          circuit after <CircuitBadge state={run.circuitState} />
        </span>
      </div>
      {run.errorMessage ? <p className="rounded-md border border-bad/20 bg-bad/5 px-3 py-2 font-mono text-xs text-bad-fg">{run.errorMessage}</p> : null}
      {assertions ? <AssertionResults results={assertions} /> : null}
      {readings.length > 0 ? (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 rounded-md border bg-muted/30 px-3 py-2 text-xs" data-testid="run-details">
          {readings.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="font-mono break-all">{detailText(k, v, run.details!)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <ol className="grid gap-1.5" aria-label="Attempts">
        <li className="flex items-center gap-2 text-xs text-muted-foreground">
          <span className="w-16 shrink-0">circuit</span>
          <span>
            was <span className="font-mono">{trace.circuitBefore}</span>;{" "}
            {trace.circuitAdmission === "rejected"
              ? "probe skipped"
              : trace.circuitAdmission === "forced"
                ? "open, but a manual probe always runs"
                : "probe admitted"}
          </span>
        </li>
        {trace.attempts.map((a) => (
          <li key={a.attempt} className="grid gap-1">
            <div className="flex items-center gap-2 text-xs">
              <span className="w-16 shrink-0 font-medium">attempt {a.attempt}</span>
              <div className="relative h-3.5 flex-1 rounded-sm bg-muted" aria-hidden>
                <div
                  className={cn("absolute inset-y-0 rounded-sm", a.ok ? "bg-ok/70" : "bg-bad/70")}
                  style={{ left: `${(a.startedAtMs / scale) * 100}%`, width: `${Math.max((a.durationMs / scale) * 100, 0.8)}%` }}
                />
              </div>
              <span className="tabular w-20 shrink-0 text-right">{formatMs(a.durationMs)}</span>
              <span className={cn("w-44 shrink-0 truncate font-mono", a.ok ? "text-ok-fg" : "text-bad-fg")} title={a.message}>
                {a.ok ? `ok${a.status ? ` ${a.status}` : ""}` : `${a.errorClass}${a.status ? ` ${a.status}` : ""}`}
              </span>
            </div>
            {a.retryDelayMs !== undefined ? (
              <div className="flex items-center gap-2 pl-[4.5rem] text-xs text-muted-foreground">
                <Clock3 className="size-3" /> backoff {formatMs(a.retryDelayMs)} (exponential, full jitter)
              </div>
            ) : null}
          </li>
        ))}
      </ol>
      {trace.attempts.some((a) => a.headers || a.bodyExcerpt) ? (
        <details className="rounded-md border bg-muted/40 px-3 py-2 text-xs">
          <summary className="cursor-pointer font-medium">Last response</summary>
          {(() => {
            const last = trace.attempts[trace.attempts.length - 1]!;
            return (
              <div className="mt-2 grid gap-2">
                {last.headers ? (
                  <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 font-mono">
                    {Object.entries(last.headers).map(([k, v]) => (
                      <div key={k} className="contents">
                        <dt className="text-muted-foreground">{k}</dt>
                        <dd className="break-all">{v}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
                {last.bodyExcerpt ? <pre className="max-h-48 overflow-auto rounded bg-card p-2 font-mono whitespace-pre-wrap">{last.bodyExcerpt}</pre> : null}
              </div>
            );
          })()}
        </details>
      ) : null}
      <p className="text-xs text-muted-foreground">
        Policy: timeout {formatMs(trace.policy.timeoutMs)} per attempt, {trace.policy.retries} retr{trace.policy.retries === 1 ? "y" : "ies"}
        {trace.policy.backoffInitialMs ? ` (backoff from ${formatMs(trace.policy.backoffInitialMs)} up to ${formatMs(trace.policy.backoffMaxMs)})` : ""},
        circuit opens after {trace.policy.breakerThreshold} consecutive failures and retries after {formatMs(trace.policy.breakerCooldownMs)}.
      </p>
    </div>
  );
}
