"use client";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMs, formatTick, formatTimestamp } from "@/lib/domain/format";
import type { LatencyRow } from "@/lib/integrations/chart-data";
import { axisProps, timeAxisTicks, TooltipFrame } from "./chart-tooltip";

const LINES = [
  { key: "p50", label: "p50", color: "var(--chart-2)" },
  { key: "p95", label: "p95", color: "var(--chart-1)" },
  { key: "p99", label: "p99", color: "var(--chart-3)" },
] as const;

/** Below this many points a line is mostly gaps (a new integration): draw dots so the data is visible. */
const SPARSE_POINTS = 12;

export function LatencyChart({ rows, spanMs, budgetMs }: { rows: LatencyRow[]; spanMs: number; budgetMs?: number }) {
  const sparse = rows.filter((r) => r.p50 !== null).length < SPARSE_POINTS;
  return (
    <div className="grid gap-1">
      <ul className="flex gap-3 text-xs text-muted-foreground" aria-hidden>
        {LINES.map((l) => (
          <li key={l.key} className="flex items-center gap-1.5">
            <span className="h-0.5 w-3 rounded" style={{ background: l.color }} />
            {l.label}
          </li>
        ))}
        {budgetMs ? (
          <li className="flex items-center gap-1.5">
            <span className="h-0 w-3 border-t border-dashed border-bad" />
            budget
          </li>
        ) : null}
      </ul>
      <div className="h-56 w-full" data-testid="latency-chart" role="img" aria-label="Latency percentiles over time">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={["dataMin", "dataMax"]}
              ticks={timeAxisTicks(rows)}
              tickFormatter={(t: number) => formatTick(t, spanMs)}
              minTickGap={40}
              {...axisProps}
            />
            <YAxis width={56} tickFormatter={(v: number) => formatMs(v)} {...axisProps} />
            <Tooltip
              cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
              content={({ active, payload, label }) =>
                active && payload?.length ? (
                  <TooltipFrame
                    title={formatTimestamp(Number(label))}
                    rows={LINES.map((l) => ({ label: l.label, color: l.color, value: formatMs((payload[0]!.payload as LatencyRow)[l.key]) }))}
                  />
                ) : null
              }
            />
            {LINES.map((l) => (
              <Line
                key={l.key}
                dataKey={l.key}
                name={l.label}
                stroke={l.color}
                strokeWidth={l.key === "p95" ? 2 : 1.25}
                dot={sparse ? { r: 2.5, fill: l.color, strokeWidth: 0 } : false}
                isAnimationActive={false}
                connectNulls={false}
              />
            ))}
            {budgetMs ? (
              <Line dataKey={() => budgetMs} name="budget" stroke="var(--bad)" strokeDasharray="4 4" strokeWidth={1} dot={false} isAnimationActive={false} />
            ) : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
