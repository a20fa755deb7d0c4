"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { ErrorRateRow } from "@/lib/integrations/chart-data";
import { formatTick, formatTimestamp } from "@/lib/domain/format";
import { axisProps, timeAxisTicks, TooltipFrame } from "./chart-tooltip";

export function ErrorRateChart({ rows, spanMs }: { rows: ErrorRateRow[]; spanMs: number }) {
  return (
    <div className="h-40 w-full" data-testid="error-rate-chart" role="img" aria-label="Error rate over time">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={timeAxisTicks(rows)}
            tickFormatter={(t: number) => formatTick(t, spanMs)}
            minTickGap={40}
            padding={{ left: 4, right: 4 }}
            {...axisProps}
          />
          <YAxis width={56} domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} {...axisProps} />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            content={({ active, payload, label }) => {
              const row = payload?.[0]?.payload as ErrorRateRow | undefined;
              return active && row ? (
                <TooltipFrame
                  title={formatTimestamp(Number(label))}
                  rows={[
                    { label: "error rate", value: row.errorRate === null ? "no runs" : `${row.errorRate}%`, color: "var(--bad)" },
                    { label: "runs", value: `${row.failures} failed of ${row.runs}` },
                  ]}
                />
              ) : null;
            }}
          />
          <Bar dataKey={(r: ErrorRateRow) => (r.runs > 0 ? Math.max(r.errorRate ?? 0, 1.5) : 0)} isAnimationActive={false} radius={[2, 2, 0, 0]}>
            {rows.map((r) => (
              <Cell
                key={r.t}
                fill={r.runs === 0 ? "transparent" : (r.errorRate ?? 0) === 0 ? "var(--ok)" : "var(--bad)"}
                fillOpacity={(r.errorRate ?? 0) === 0 ? 0.35 : 0.85}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
