"use client";
// A component's 90 days as bars. The strip is one tab stop (roving focus): arrow keys, Home and End move
// between days, and the focused or hovered day's detail shows in a tooltip and is its accessible name.
import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import { useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/lib/cn";
import { describeDay, type DayBar, type DayLevel } from "@/lib/status-pages/day-bars";

const LEVEL_CLASS: Record<DayLevel, string> = {
  no_data: "bg-muted-foreground/25",
  operational: "bg-ok",
  degraded: "bg-warn",
  outage: "bg-bad",
};

export function DayBars({ bars, label }: { bars: DayBar[]; label: string }) {
  const [active, setActive] = useState(bars.length - 1);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (to: number) => {
    const k = Math.max(0, Math.min(bars.length - 1, to));
    setActive(k);
    refs.current[k]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = { ArrowLeft: active - 1, ArrowRight: active + 1, Home: 0, End: bars.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    move(next);
  };
  return (
    <div role="group" aria-label={label} onKeyDown={onKeyDown} className="flex h-8 items-stretch gap-px">
      {bars.map((bar, k) => (
        <TooltipPrimitive.Root key={bar.date}>
          <TooltipPrimitive.Trigger asChild>
            <button
              ref={(el) => {
                refs.current[k] = el;
              }}
              type="button"
              tabIndex={k === active ? 0 : -1}
              aria-label={describeDay(bar)}
              data-level={bar.level}
              onFocus={() => setActive(k)}
              className={cn(
                "min-w-0 flex-1 rounded-[2px] outline-none hover:opacity-75 focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-1 focus-visible:ring-offset-background",
                LEVEL_CLASS[bar.level],
              )}
            />
          </TooltipPrimitive.Trigger>
          <TooltipPrimitive.Portal>
            <TooltipPrimitive.Content
              side="top"
              sideOffset={6}
              className="z-50 max-w-64 rounded-md border bg-card px-2.5 py-1.5 text-xs text-foreground shadow-md"
            >
              {describeDay(bar)}
              <TooltipPrimitive.Arrow className="fill-border" />
            </TooltipPrimitive.Content>
          </TooltipPrimitive.Portal>
        </TooltipPrimitive.Root>
      ))}
    </div>
  );
}
