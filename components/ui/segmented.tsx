"use client";
import * as TabsPrimitive from "@radix-ui/react-tabs";
import { cn } from "@/lib/cn";

/**
 * A compact segmented control (Radix Tabs list) for switching a view, e.g. a chart window. It has no tab panels of
 * its own, so a trigger points at the region it switches only when given one (`controls`); Radix's generated
 * `aria-controls` would name panels that do not exist (invalid ARIA, and an id with a space for values like "7 days").
 */
export function Segmented<T extends string>({
  value,
  onValueChange,
  options,
  label,
  controls,
}: {
  value: T;
  onValueChange: (v: T) => void;
  options: readonly T[];
  label: string;
  /** The id of the element whose content this control switches. */
  controls?: string;
}) {
  return (
    <TabsPrimitive.Root value={value} onValueChange={(v) => onValueChange(v as T)}>
      <TabsPrimitive.List aria-label={label} className="inline-flex h-7 items-center rounded-md border bg-muted p-0.5">
        {options.map((o) => (
          <TabsPrimitive.Trigger
            key={o}
            value={o}
            aria-controls={controls}
            className={cn(
              "h-6 rounded px-2.5 text-xs font-medium text-muted-foreground transition-colors",
              "data-[state=active]:bg-card data-[state=active]:text-foreground data-[state=active]:shadow-xs",
            )}
          >
            {o}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
    </TabsPrimitive.Root>
  );
}
