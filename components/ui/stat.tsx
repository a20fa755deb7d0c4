"use client";
// One stat card, in two sizes: `cards` is a row of framed figures at the top of a page (uptime, workers alive);
// `inline` is the compact strip inside a card (incident summary, circuit breaker). Both are a <dl>.
import { createContext, useContext, type ReactNode } from "react";
import { cn } from "@/lib/cn";

type StatVariant = "cards" | "inline";

const VariantContext = createContext<StatVariant>("cards");

const STYLE: Record<StatVariant, { item: string; value: string }> = {
  cards: { item: "rounded-lg border bg-card px-4 py-3 shadow-xs", value: "mt-0.5 text-lg font-semibold tracking-tight" },
  inline: { item: "", value: "text-sm font-medium" },
};

/** The grid of stats; `className` sets the columns. */
export function StatGrid({ variant = "cards", className, children }: { variant?: StatVariant; className?: string; children: ReactNode }) {
  return (
    <VariantContext.Provider value={variant}>
      <dl className={cn("grid gap-3", className)}>{children}</dl>
    </VariantContext.Provider>
  );
}

/** One figure: what it is, its value, and optionally a line of context under it. `tone="bad"` marks a value that needs attention. */
export function StatCard({ label, value, sub, tone }: { label: ReactNode; value: ReactNode; sub?: ReactNode; tone?: "bad" }) {
  const style = STYLE[useContext(VariantContext)];
  return (
    <div className={style.item}>
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={cn("tabular", style.value, tone === "bad" && "text-bad-fg")}>{value}</dd>
      {sub ? <dd className="text-xs text-muted-foreground">{sub}</dd> : null}
    </div>
  );
}
