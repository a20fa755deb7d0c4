import { cn } from "@/lib/cn";
import { formatRuns } from "@/lib/domain/format";

/** 24 hourly cells, oldest first, coloured by failure ratio: the last day at a glance. */
export function HourlyStrip({ hourly, className }: { hourly: { runs: number; failures: number }[]; className?: string }) {
  const failing = hourly.filter((h) => h.failures > 0).length;
  return (
    <div
      role="img"
      aria-label={`Last 24 hours: ${failing} of ${hourly.length} hours had failures`}
      className={cn("flex h-5 items-stretch gap-[2px]", className)}
    >
      {hourly.map((h, i) => {
        const ratio = h.runs === 0 ? null : h.failures / h.runs;
        return (
          <span
            key={i}
            title={h.runs === 0 ? "No runs" : `${formatRuns(h.runs)}, ${h.failures} failed`}
            className={cn(
              "w-[5px] rounded-[1px]",
              ratio === null ? "bg-muted" : ratio === 0 ? "bg-ok/70" : ratio < 0.05 ? "bg-warn/70" : ratio < 0.5 ? "bg-warn" : "bg-bad",
            )}
          />
        );
      })}
    </div>
  );
}
