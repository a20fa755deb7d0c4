"use client";
import { useQuery } from "@tanstack/react-query";
import { Activity, FileUp, Plus, Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { integrationQueries } from "@/lib/queries/integrations";
import { formatMs, formatPercent } from "@/lib/domain/format";
import type { HealthStatus, IntegrationSummary } from "@/lib/integrations/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";
import { useCan } from "@/components/app-shell/viewer-context";
import { HourlyStrip } from "./hourly-strip";
import { RelativeTime } from "@/components/ui/relative-time";
import { CircuitBadge, STATUS_LABEL, STATUS_ORDER, StatusBadge } from "./status";
import { INDICATOR_VIEW, providerLabelFor } from "@/lib/providers/status/view";

type Filter = "all" | HealthStatus;

function matches(i: IntegrationSummary, q: string): boolean {
  if (!q) return true;
  const needle = q.toLowerCase();
  return i.name.toLowerCase().includes(needle) || i.target.toLowerCase().includes(needle) || i.tags.some((t) => t.toLowerCase().includes(needle));
}

export function IntegrationsOverview() {
  const { data, error, isPending, refetch, isFetching } = useQuery(integrationQueries.list());
  const [filter, setFilter] = useState<Filter>("all");
  const [q, setQ] = useState("");
  const search = useRef<HTMLInputElement>(null);
  const router = useRouter();
  const canEdit = useCan("editor");

  // "/" focuses the search, as in most developer tools.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === "/" && !["INPUT", "TEXTAREA"].includes(target.tagName) && !target.isContentEditable) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const counts = useMemo(() => {
    const c: Record<HealthStatus, number> = { healthy: 0, degraded: 0, down: 0, paused: 0, pending: 0 };
    for (const i of data ?? []) c[i.status]++;
    return c;
  }, [data]);

  const rows = useMemo(
    () =>
      (data ?? [])
        .filter((i) => (filter === "all" || i.status === filter) && matches(i, q))
        .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.name.localeCompare(b.name)),
    [data, filter, q],
  );

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Integrations</h1>
          <p className="text-sm text-muted-foreground">
            {data ? `${data.length} monitored · refreshed every 5 s` : "Health of every third-party service you depend on"}
            {isFetching && data ? (
              <span className="ml-2 inline-block size-1.5 animate-pulse rounded-full bg-accent align-middle" aria-label="Refreshing" />
            ) : null}
          </p>
        </div>
        {canEdit ? (
          <div className="flex gap-2">
            <Button asChild>
              <Link href="/integrations/import">
                <FileUp /> Import MCP servers
              </Link>
            </Button>
            <Button variant="primary" asChild>
              <Link href="/integrations/new">
                <Plus /> New integration
              </Link>
            </Button>
          </div>
        ) : null}
      </div>

      {error && data ? <ErrorState title="Showing the last known state" message={error.message} onRetry={() => refetch()} /> : null}

      <Card>
        <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
          <div role="radiogroup" aria-label="Filter by status" className="flex flex-wrap gap-1">
            {(["all", ...STATUS_ORDER] as Filter[]).map((f) => {
              const n = f === "all" ? (data?.length ?? 0) : counts[f];
              if (f !== "all" && n === 0) return null;
              return (
                <button
                  key={f}
                  role="radio"
                  aria-checked={filter === f}
                  onClick={() => setFilter(f)}
                  className={cn(
                    "rounded-md px-2 py-1 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground",
                    filter === f && "bg-muted text-foreground",
                  )}
                >
                  {f === "all" ? "All" : STATUS_LABEL(f)} <span className="tabular ml-0.5 text-muted-foreground">{n}</span>
                </button>
              );
            })}
          </div>
          <div className="relative ml-auto w-full sm:w-64">
            <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-muted-foreground" />
            <Input
              ref={search}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              placeholder="Search name, URL or tag"
              aria-label="Search integrations"
              className="h-7 pl-7 text-xs"
            />
            <kbd className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border bg-muted px-1 font-mono text-[10px] text-muted-foreground">
              /
            </kbd>
          </div>
        </div>

        {isPending ? (
          <div className="grid gap-2 p-3" aria-busy="true" aria-label="Loading integrations">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-9" />
            ))}
          </div>
        ) : error && !data ? (
          <div className="p-3">
            <ErrorState title="Could not load integrations" message={error.message} onRetry={() => refetch()} />
          </div>
        ) : data.length === 0 ? (
          <EmptyState
            icon={<Activity />}
            title="No integrations yet"
            action={
              canEdit ? (
                <Button variant="primary" asChild>
                  <Link href="/integrations/new">
                    <Plus /> Add your first integration
                  </Link>
                </Button>
              ) : undefined
            }
          >
            Add the APIs and services your product depends on. Tether probes each on a schedule and charts its latency, errors and circuit state.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState title="Nothing matches">
            No integration matches {q ? <>“{q}”</> : "this filter"}.{" "}
            <button className="text-accent underline-offset-2 hover:underline" onClick={() => (setQ(""), setFilter("all"))}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
                  <th>Status</th>
                  <th>Integration</th>
                  <th>Circuit</th>
                  <th>Last 24 h</th>
                  <th className="text-right">Uptime</th>
                  <th className="text-right">Errors</th>
                  <th className="text-right">p95</th>
                  <th className="text-right">Last probe</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr
                    key={i.id}
                    data-testid="integration-row"
                    onClick={(e) => {
                      if (!(e.target as HTMLElement).closest("a,button")) router.push(`/integrations/${i.id}`);
                    }}
                    className="cursor-pointer border-b last:border-0 hover:bg-muted/50 [&>td]:px-3 [&>td]:py-2"
                  >
                    <td>
                      <StatusBadge status={i.status} />
                    </td>
                    <td className="max-w-[22rem]">
                      <Link href={`/integrations/${i.id}`} className="font-medium hover:underline">
                        {i.name}
                      </Link>
                      <div className="truncate font-mono text-xs text-muted-foreground" title={i.target}>
                        {i.target}
                      </div>
                      <ProviderSaid status={i.providerStatus} />
                    </td>
                    <td>
                      <CircuitBadge state={i.circuit} />
                    </td>
                    <td>
                      <HourlyStrip hourly={i.hourly} />
                    </td>
                    <td className="tabular text-right">{formatPercent(i.uptime)}</td>
                    <td className={cn("tabular text-right", (i.errorRate ?? 0) > 0.05 && "text-bad-fg")}>{formatPercent(i.errorRate, 1)}</td>
                    <td className="tabular text-right">{formatMs(i.p95Ms)}</td>
                    <td className="text-right text-xs">
                      <span className={cn(i.lastRunOk === false && "text-bad-fg")}>
                        <RelativeTime iso={i.lastRunAt} fallback="never" />
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

/** The provider's own word, only when it has declared trouble: operational and unknown pages stay quiet here. */
function ProviderSaid({ status }: { status: IntegrationSummary["providerStatus"] }) {
  if (!status || status.indicator === "operational" || status.indicator === "unknown") return null;
  const v = INDICATOR_VIEW[status.indicator];
  return (
    <div data-testid="provider-said" className={cn("text-xs", v.tone === "bad" ? "text-bad-fg" : v.tone === "warn" ? "text-warn-fg" : "text-accent")}>
      {providerLabelFor(status.url, status.pageName)} reports: {v.label}
    </div>
  );
}
