"use client";
import { useSyncExternalStore } from "react";

// One shared 1-second ticker for every relative timestamp on the page.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 1_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function formatRelative(iso: string, at: number): string {
  const diff = Math.round((Date.parse(iso) - at) / 1000);
  const abs = Math.abs(diff);
  const [value, unit] =
    abs < 60 ? [abs, "s"] : abs < 3_600 ? [Math.floor(abs / 60), "m"] : abs < 86_400 ? [Math.floor(abs / 3_600), "h"] : [Math.floor(abs / 86_400), "d"];
  if (abs < 2) return "just now";
  return diff < 0 ? `${value}${unit} ago` : `in ${value}${unit}`;
}

/** The current time from the shared ticker, updated every second while something on the page uses it. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

export function RelativeTime({ iso, fallback = "—" }: { iso: string | null; fallback?: string }) {
  const at = useNow();
  if (!iso) return <span className="text-muted-foreground">{fallback}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} suppressHydrationWarning className="tabular">
      {formatRelative(iso, at)}
    </time>
  );
}
