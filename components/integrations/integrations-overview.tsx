"use client";
// The overview at any size: the server pages, filters, sorts and searches (GET /api/integrations/overview); this
// component keeps the query in the URL (shareable, Back works), refreshes only the visible page and its counts every
// 5 s, and virtualises the rows. Keyboard: "/" searches, arrow keys move between rows, Enter opens one, [ and ] page.
import { useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { Activity, ArrowDown, ArrowUp, ChevronLeft, ChevronRight, FileUp, Hourglass, Plus, Search } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { integrationQueries } from "@/lib/queries/integrations";
import { formatMs, formatPercent } from "@/lib/domain/format";
import type { IntegrationSummary, OverviewPage } from "@/lib/integrations/types";
import {
  DEFAULT_OVERVIEW_QUERY,
  OVERVIEW_STATUSES,
  overviewQueryFromUrl,
  overviewSearch,
  withChange,
  type OverviewQuery,
  type OverviewSort,
} from "@/lib/integrations/overview-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";
import { useCan } from "@/components/app-shell/viewer-context";
import { HourlyStrip } from "./hourly-strip";
import { RelativeTime } from "@/components/ui/relative-time";
import { CircuitBadge, STATUS_LABEL, StatusBadge } from "./status";
import { INDICATOR_VIEW, providerLabelFor } from "@/lib/providers/status/view";

const ROW_HEIGHT = 53;
const SEARCH_DEBOUNCE_MS = 250;
const ANY = "any";
const PAGE_SIZES = [50, 100, 200, 500];

/** The query in the address bar: read leniently, written with the History API (Next keeps useSearchParams in step). */
function useUrlQuery(): [OverviewQuery, (next: OverviewQuery, mode?: "push" | "replace") => void] {
  const params = useSearchParams();
  const query = useMemo(() => overviewQueryFromUrl(new URLSearchParams(params.toString())), [params]);
  const set = useCallback((next: OverviewQuery, mode: "push" | "replace" = "push") => {
    const url = `${window.location.pathname}${overviewSearch(next)}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return [query, set];
}

export function IntegrationsOverview() {
  const [query, setQuery] = useUrlQuery();
  const { data, error, isPending, refetch, isFetching, isPlaceholderData } = useQuery(integrationQueries.overview(query));
  const canEdit = useCan("editor");
  const change = (c: Partial<OverviewQuery>, mode?: "push" | "replace") => setQuery(withChange(query, c), mode);

  // The search box answers each key at once; the URL (and so the request) follows when typing pauses.
  const [text, setText] = useState(query.q ?? "");
  const typed = useRef(false);
  useEffect(() => {
    if (!typed.current) setText(query.q ?? ""); // Back, a shared link, "Clear filters"
  }, [query.q]);
  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      if ((query.q ?? "") !== text.trim()) setQuery(withChange(query, { q: text.trim() || undefined }), "replace");
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, query, setQuery]);

  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.isContentEditable || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === "/") {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const filtered = !!(query.q || query.kind || query.tag || query.status !== "all");
  const clear = () => {
    typed.current = false;
    setText("");
    setQuery({ ...DEFAULT_OVERVIEW_QUERY, sort: query.sort, dir: query.dir, pageSize: query.pageSize });
  };

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">Integrations</h1>
          <p className="text-sm text-muted-foreground">
            {data
              ? `${data.counts.all.toLocaleString("en")} ${filtered && (query.q || query.kind || query.tag) ? "matching" : "monitored"} · refreshed every 5 s`
              : "Health of every third-party service you depend on"}
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
      {data && data.summariesPending > 0 ? (
        <div
          role="status"
          data-testid="summaries-pending"
          className="flex items-center gap-2 rounded-md border bg-muted/40 px-3 py-2 text-xs text-muted-foreground"
        >
          <Hourglass className="size-3.5 shrink-0" aria-hidden />
          The worker is summarising the last 24 hours of {data.summariesPending.toLocaleString("en")} integration{data.summariesPending === 1 ? "" : "s"}. Until
          it has, their status counts and error-rate order use the latest hour only; the figures in each row are exact.
        </div>
      ) : null}

      <Card>
        <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
          <div role="radiogroup" aria-label="Filter by status" className="flex flex-wrap gap-1">
            {(["all", ...OVERVIEW_STATUSES] as const).map((f) => {
              const n = !data ? null : f === "all" ? data.counts.all : data.counts.byStatus[f];
              if (f !== "all" && n === 0 && query.status !== f) return null;
              return (
                <button
                  key={f}
                  role="radio"
                  aria-checked={query.status === f}
                  onClick={() => change({ status: f })}
                  className={cn(
                    "rounded-md px-2 py-1 text-xs font-medium text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
                    query.status === f && "bg-muted text-foreground",
                  )}
                >
                  {f === "all" ? "All" : STATUS_LABEL(f)}{" "}
                  <span className="tabular ml-0.5 text-muted-foreground">{n === null ? "" : n.toLocaleString("en")}</span>
                </button>
              );
            })}
          </div>
          <div className="ml-auto flex w-full flex-wrap items-center gap-2 sm:w-auto">
            <Select
              aria-label="Filter by kind"
              className="h-7 w-32 text-xs"
              value={query.kind ?? ANY}
              onValueChange={(v) => change({ kind: v === ANY ? undefined : (v as OverviewQuery["kind"]) })}
              options={[{ value: ANY, label: "All kinds" }, ...(data?.facets.kinds ?? (query.kind ? [query.kind] : [])).map((k) => ({ value: k, label: k }))]}
            />
            <Select
              aria-label="Filter by tag"
              className="h-7 w-36 text-xs"
              value={query.tag ?? ANY}
              onValueChange={(v) => change({ tag: v === ANY ? undefined : v })}
              options={[{ value: ANY, label: "All tags" }, ...(data?.facets.tags ?? (query.tag ? [query.tag] : [])).map((t) => ({ value: t, label: t }))]}
            />
            <div className="relative w-full sm:w-64">
              <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-muted-foreground" />
              <Input
                ref={search}
                value={text}
                onChange={(e) => {
                  typed.current = true;
                  setText(e.target.value);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Escape" && text) {
                    typed.current = true;
                    setText("");
                  }
                }}
                placeholder="Search name, URL or tag"
                aria-label="Search integrations"
                className="h-7 pl-7 text-xs"
              />
              <kbd className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border bg-muted px-1 font-mono text-[10px] text-muted-foreground">
                /
              </kbd>
            </div>
          </div>
        </div>

        {isPending ? (
          <div className="grid gap-2 p-3" aria-busy="true" aria-label="Loading integrations">
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} className="h-9" />
            ))}
          </div>
        ) : error && !data ? (
          <div className="p-3">
            <ErrorState title="Could not load integrations" message={error.message} onRetry={() => refetch()} />
          </div>
        ) : data.counts.all === 0 && !(query.q || query.kind || query.tag) ? (
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
        ) : data.items.length === 0 && data.total > 0 ? (
          <EmptyState title="No rows on this page">
            Page {query.page} is past the last page ({data.pages}).{" "}
            <button className="text-accent underline-offset-2 hover:underline" onClick={() => change({ page: data.pages })}>
              Go to the last page
            </button>
          </EmptyState>
        ) : data.items.length === 0 ? (
          <EmptyState title="Nothing matches">
            No integration matches {query.q ? <>“{query.q}”</> : "these filters"}.{" "}
            <button className="text-accent underline-offset-2 hover:underline" onClick={clear}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <Rows data={data} query={query} stale={isPlaceholderData} onChange={change} />
        )}
      </Card>
    </div>
  );
}

const COLUMNS: { label: string; sort?: OverviewSort; className?: string }[] = [
  { label: "Status", sort: "status", className: "w-28" },
  { label: "Integration", sort: "name" },
  { label: "Kind", sort: "kind", className: "w-20" },
  { label: "Circuit", className: "w-28" },
  { label: "Last 24 h", className: "w-40" },
  { label: "Uptime", className: "w-20 text-right" },
  { label: "Errors", sort: "errors", className: "w-20 text-right" },
  { label: "p95", className: "w-20 text-right" },
  { label: "Last probe", sort: "lastRun", className: "w-28 text-right" },
];

function Rows({
  data,
  query,
  stale,
  onChange,
}: {
  data: OverviewPage;
  query: OverviewQuery;
  stale: boolean;
  onChange: (change: Partial<OverviewQuery>) => void;
}) {
  const onPage = (page: number) => onChange({ page });
  const router = useRouter();
  const scroller = useRef<HTMLDivElement>(null);
  const items = data.items;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is not memoizable; the compiler skips this component
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The server renders the first screenful (there is no scroll element to measure there).
    initialRect: { width: 1200, height: 800 },
    getItemKey: (i) => items[i]?.id ?? i,
  });
  const [active, setActive] = useState(0);
  const focusRow = useRef(false);
  useEffect(() => setActive((a) => Math.min(a, Math.max(0, items.length - 1))), [items.length]);
  // A new page starts at its top.
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [query.page, query.sort, query.dir, query.status, query.kind, query.tag, query.q]);
  useEffect(() => {
    if (!focusRow.current) return;
    focusRow.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  const move = (to: number) => {
    const next = Math.max(0, Math.min(items.length - 1, to));
    virtual.scrollToIndex(next, { align: "auto" });
    focusRow.current = true;
    setActive(next);
  };
  const onKeyDown = (e: ReactKeyboardEvent<HTMLTableSectionElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      PageDown: () => move(active + 10),
      PageUp: () => move(active - 10),
      Enter: () => items[active] && router.push(`/integrations/${items[active].id}`),
      "]": () => query.page < data.pages && onPage(query.page + 1),
      "[": () => query.page > 1 && onPage(query.page - 1),
    };
    const act = keys[e.key];
    if (!act || (e.target as HTMLElement).tagName === "A") return;
    e.preventDefault();
    act();
  };

  const rows = virtual.getVirtualItems();
  const top = rows[0]?.start ?? 0;
  const bottom = virtual.getTotalSize() - (rows.at(-1)?.end ?? 0);
  const first = (query.page - 1) * query.pageSize + 1;

  return (
    <>
      <div
        ref={scroller}
        className={cn("max-h-[calc(100vh-17rem)] min-h-64 overflow-auto transition-opacity", stale && "opacity-60")}
        aria-busy={stale || undefined}
        data-testid="overview-scroller"
      >
        <table className="w-full table-fixed text-sm" aria-rowcount={data.total + 1}>
          <thead className="sticky top-0 z-10 bg-card">
            <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-2 [&>th]:font-medium">
              {COLUMNS.map((c) => {
                const on = c.sort && query.sort === c.sort;
                return (
                  <th key={c.label} className={c.className} aria-sort={on ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                    {c.sort ? (
                      <button
                        className={cn(
                          "inline-flex items-center gap-1 rounded hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring",
                          on && "text-foreground",
                        )}
                        onClick={() => onChange(on ? { sort: c.sort, dir: query.dir === "asc" ? "desc" : "asc" } : { sort: c.sort })}
                      >
                        {c.label}
                        {on ? query.dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : null}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {top > 0 ? <tr aria-hidden style={{ height: top }} /> : null}
            {rows.map((v) => {
              const i = items[v.index]!;
              return (
                <tr
                  key={v.key}
                  data-index={v.index}
                  ref={virtual.measureElement}
                  data-testid="integration-row"
                  aria-rowindex={first + v.index + 1}
                  tabIndex={v.index === active ? 0 : -1}
                  onFocus={() => setActive(v.index)}
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest("a,button")) router.push(`/integrations/${i.id}`);
                  }}
                  className="cursor-pointer border-b last:border-0 hover:bg-muted/50 focus-visible:bg-muted/60 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring [&>td]:px-3 [&>td]:py-2"
                >
                  <td>
                    <StatusBadge status={i.status} />
                  </td>
                  <td className="min-w-0">
                    <Link href={`/integrations/${i.id}`} tabIndex={-1} className="block truncate font-medium hover:underline">
                      {i.name}
                    </Link>
                    <div className="truncate font-mono text-xs text-muted-foreground" title={i.target}>
                      {i.target}
                    </div>
                    <ProviderSaid status={i.providerStatus} />
                  </td>
                  <td className="font-mono text-xs text-muted-foreground">{i.kind}</td>
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
              );
            })}
            {bottom > 0 ? <tr aria-hidden style={{ height: bottom }} /> : null}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 border-t px-3 py-2 text-xs text-muted-foreground">
        <span data-testid="overview-range" className="tabular">
          {first.toLocaleString("en")}–{(first + items.length - 1).toLocaleString("en")} of {data.total.toLocaleString("en")}
          <span className="ml-2 hidden sm:inline">↑↓ move · Enter opens · [ ] pages</span>
        </span>
        <div className="flex items-center gap-2">
          <Select
            aria-label="Rows per page"
            className="h-7 w-auto shrink-0 text-xs whitespace-nowrap"
            value={String(query.pageSize)}
            onValueChange={(v) => onChange({ pageSize: Number(v) })}
            options={PAGE_SIZES.map((n) => ({ value: String(n), label: `${n} rows` }))}
          />
          <Button size="sm" disabled={query.page <= 1} onClick={() => onPage(query.page - 1)} aria-label="Previous page">
            <ChevronLeft /> Previous
          </Button>
          <span className="tabular">
            Page {query.page.toLocaleString("en")} of {data.pages.toLocaleString("en")}
          </span>
          <Button size="sm" disabled={query.page >= data.pages} onClick={() => onPage(query.page + 1)} aria-label="Next page">
            Next <ChevronRight />
          </Button>
        </div>
      </nav>
    </>
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
