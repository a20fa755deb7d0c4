"use client";
import type { ReactNode } from "react";
import { localOffsetMs, timeTicks } from "@/lib/domain/time-ticks";

/** The tooltip frame shared by every chart. */
export function TooltipFrame({ title, rows }: { title: string; rows: { label: string; value: ReactNode; color?: string }[] }) {
  return (
    <div className="rounded-md border bg-card px-2.5 py-1.5 text-xs shadow-md">
      <div className="mb-1 font-medium">{title}</div>
      {rows.map((r) => (
        <div key={r.label} className="flex items-center gap-2">
          {r.color ? <span className="size-2 rounded-full" style={{ background: r.color }} /> : null}
          <span className="text-muted-foreground">{r.label}</span>
          <span className="tabular ml-auto pl-3 font-medium">{r.value}</span>
        </div>
      ))}
    </div>
  );
}

export const axisProps = {
  stroke: "var(--muted-foreground)",
  tick: { fontSize: 11, fill: "var(--muted-foreground)" },
  tickLine: false,
  axisLine: false,
} as const;

/** A time axis's ticks on round times within the rows' span, in the viewer's time zone (see lib/domain/time-ticks). */
export function timeAxisTicks(rows: readonly { t: number }[], maxTicks = 8): number[] | undefined {
  const first = rows[0]?.t;
  const last = rows.at(-1)?.t;
  if (first === undefined || last === undefined) return undefined;
  const ticks = timeTicks(first, last, maxTicks, localOffsetMs(first));
  return ticks.length > 0 ? ticks : undefined;
}
