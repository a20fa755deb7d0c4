"use client";
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { budgetDomain, type BudgetRow } from "@/lib/slo/budget-chart";
import { axisProps, TooltipFrame } from "./chart-tooltip";

const day = (t: number) => new Date(t).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

/** The error budget left at the end of each day of the SLO's window. */
export function BudgetChart({ rows }: { rows: BudgetRow[] }) {
  return (
    <div className="h-48 w-full" data-testid="budget-chart" role="img" aria-label="Error budget remaining over time">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={day} minTickGap={40} {...axisProps} />
          <YAxis width={48} domain={budgetDomain(rows)} tickFormatter={(v: number) => `${v}%`} {...axisProps} />
          <ReferenceLine y={0} stroke="var(--bad)" strokeDasharray="3 3" />
          <Tooltip
            content={({ active, payload, label }) => {
              const row = payload?.[0]?.payload as BudgetRow | undefined;
              return active && row ? (
                <TooltipFrame
                  title={day(Number(label))}
                  rows={[{ label: "budget left", value: row.remainingPct === null ? "no runs yet" : `${row.remainingPct}%`, color: "var(--accent)" }]}
                />
              ) : null;
            }}
          />
          <Area
            dataKey="remainingPct"
            type="stepAfter"
            stroke="var(--accent)"
            fill="var(--accent)"
            fillOpacity={0.15}
            connectNulls={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
