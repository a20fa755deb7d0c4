"use client";
import { memo } from "react";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBacktestValue, type BacktestRow, type FiringArea } from "@/lib/alerts/backtest-chart";
import { formatTick, formatTimestamp } from "@/lib/domain/format";
import { axisProps, timeAxisTicks, TooltipFrame } from "./chart-tooltip";

/** The measured value of a rule over the backtest window, its thresholds, and each firing shaded. Memoised: the
 * editor re-renders on every keystroke, the chart only when the backtest's result changes. */
export const BacktestChart = memo(function BacktestChart({
  rows,
  areas,
  threshold,
  resolveThreshold,
  unit,
  yMax,
  spanMs,
}: {
  rows: BacktestRow[];
  areas: FiringArea[];
  threshold: number | null;
  resolveThreshold: number | null;
  unit: string;
  yMax: number;
  spanMs: number;
}) {
  const showResolve = resolveThreshold !== null && resolveThreshold !== threshold;
  return (
    <div className="grid gap-1">
      <ul className="flex flex-wrap gap-3 text-xs text-muted-foreground" aria-hidden>
        <li className="flex items-center gap-1.5">
          <span className="h-0.5 w-3 rounded" style={{ background: "var(--chart-1)" }} />
          measured
        </li>
        {threshold !== null ? (
          <li className="flex items-center gap-1.5">
            <span className="h-0 w-3 border-t border-dashed border-bad" />
            fires above {formatBacktestValue(threshold, unit)}
          </li>
        ) : null}
        {showResolve ? (
          <li className="flex items-center gap-1.5">
            <span className="h-0 w-3 border-t border-dashed border-ok" />
            resolves below {formatBacktestValue(resolveThreshold, unit)}
          </li>
        ) : null}
        <li className="flex items-center gap-1.5">
          <span className="h-2.5 w-3 rounded-sm bg-bad/20" />
          would have fired
        </li>
      </ul>
      <div
        className="h-52 w-full"
        data-testid="backtest-chart"
        role="img"
        aria-label={`Measured value over the backtest window with ${areas.length} firing${areas.length === 1 ? "" : "s"} shaded`}
      >
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
            <YAxis width={56} domain={[0, yMax]} tickFormatter={(v: number) => formatBacktestValue(v, unit)} {...axisProps} />
            {areas.map((a) => (
              <ReferenceArea
                key={a.x1}
                x1={a.x1}
                x2={a.x2 === a.x1 ? a.x1 + 60_000 : a.x2}
                fill="var(--bad)"
                fillOpacity={0.14}
                stroke="var(--bad)"
                strokeOpacity={0.35}
                ifOverflow="hidden"
                data-testid="backtest-firing"
              />
            ))}
            {threshold !== null ? <ReferenceLine y={threshold} stroke="var(--bad)" strokeDasharray="4 4" ifOverflow="extendDomain" /> : null}
            {showResolve ? <ReferenceLine y={resolveThreshold} stroke="var(--ok)" strokeDasharray="4 4" ifOverflow="extendDomain" /> : null}
            <Tooltip
              cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }}
              content={({ active, payload, label }) => {
                const row = payload?.[0]?.payload as BacktestRow | undefined;
                return active && row ? (
                  <TooltipFrame
                    title={formatTimestamp(Number(label))}
                    rows={[{ label: "measured", value: formatBacktestValue(row.value, unit), color: "var(--chart-1)" }]}
                  />
                ) : null;
              }}
            />
            <Line dataKey="value" stroke="var(--chart-1)" strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
