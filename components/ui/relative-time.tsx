"use client";
import { useSyncExternalStore } from "react";
import { formatTimestamp } from "@/lib/domain/format";
import { createTicker, formatRelative, type Tense } from "@/lib/domain/relative-time";

const ticker = createTicker();

/** The current time from the shared ticker, updated every second while something on the page uses it. */
export function useNow(): number {
  // The server snapshot is read per render, so server HTML is as current as the request.
  return useSyncExternalStore(ticker.subscribe, ticker.getSnapshot, ticker.getSnapshot);
}

/** A relative time. `tense="future"` for due times (next run, next retry); past events never read as future ones. */
export function RelativeTime({ iso, fallback = "—", tense = "past" }: { iso: string | null; fallback?: string; tense?: Tense }) {
  const at = useNow();
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  return (
    <time dateTime={iso} title={formatTimestamp(iso)} suppressHydrationWarning className="tabular">
      {formatRelative(iso, at, tense)}
    </time>
  );
}
