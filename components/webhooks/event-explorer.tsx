"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Inbox, Loader2, RotateCcw, Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/queries/api-client";
import { filterQuery, webhookKeys, webhookQueries, type EventFilterState } from "@/lib/queries/webhooks";
import { formatBytes } from "@/lib/domain/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { EVENT_STATUS_OPTIONS, EventStatusBadge } from "./status";

const RANGES = [
  { value: "all", label: "Any time" },
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 h" },
  { value: "7d", label: "Last 7 days" },
];
const RANGE_MS: Record<string, number> = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

function BulkReplay({ filter }: { filter: EventFilterState }) {
  const qc = useQueryClient();
  const [ids, setIds] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: () => api<{ ids: string[] }>("/api/webhooks/events/replay", { method: "POST", json: filter }),
    onSuccess: (r) => setIds(r.ids),
  });
  const progress = useQuery({
    queryKey: ["webhooks", "progress", ids],
    queryFn: () => api<Record<string, number>>(`/api/webhooks/events/progress?ids=${ids!.join(",")}`),
    enabled: !!ids && ids.length > 0,
    refetchInterval: (q) => ((q.state.data?.failed ?? 1) > 0 ? 1_000 : false),
  });
  if (ids) {
    const done = (progress.data?.processed ?? 0) + (progress.data?.dead_lettered ?? 0);
    const pending = ids.length - done;
    if (ids.length > 0 && pending === 0) void qc.invalidateQueries({ queryKey: webhookKeys.all });
    return (
      <div className="flex items-center gap-2 text-xs" role="status" aria-live="polite" data-testid="bulk-progress">
        {ids.length === 0 ? (
          "Nothing to replay in this filter"
        ) : (
          <>
            <div className="h-1.5 w-28 overflow-hidden rounded-full bg-muted" aria-hidden>
              <div className="h-full bg-accent transition-all" style={{ width: `${(done / ids.length) * 100}%` }} />
            </div>
            {pending > 0
              ? `Replaying ${done} of ${ids.length}…`
              : `Replayed ${ids.length}: ${progress.data?.processed ?? 0} delivered, ${progress.data?.dead_lettered ?? 0} dead-lettered`}
          </>
        )}
        <button className="text-muted-foreground hover:text-foreground" onClick={() => setIds(null)}>
          dismiss
        </button>
      </div>
    );
  }
  return (
    <Button size="sm" onClick={() => start.mutate()} disabled={start.isPending} title="Queue every failed or dead-lettered event in this filter">
      {start.isPending ? <Loader2 className="animate-spin" /> : <RotateCcw />} Replay failed
    </Button>
  );
}

export function EventExplorer() {
  const router = useRouter();
  const canEdit = useCan("editor");
  const [filter, setFilter] = useState<EventFilterState>({});
  const [range, setRange] = useState("all");
  const [q, setQ] = useState("");
  const sources = useQuery(webhookQueries.sources());
  const events = useInfiniteQuery(webhookQueries.events(filter));
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const update = (next: Partial<EventFilterState>) => setFilter((f) => ({ ...f, ...next }));

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <div className="w-44">
          <Select
            aria-label="Source"
            value={filter.sourceId ?? "all"}
            onValueChange={(v) => update({ sourceId: v === "all" ? undefined : v })}
            options={[{ value: "all", label: "All sources" }, ...(sources.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
            className="h-7 text-xs"
          />
        </div>
        <div className="w-44">
          <Select
            aria-label="Status"
            value={filter.status ?? "all"}
            onValueChange={(v) => update({ status: v === "all" ? undefined : v })}
            options={[{ value: "all", label: "Any status" }, ...EVENT_STATUS_OPTIONS]}
            className="h-7 text-xs"
          />
        </div>
        <div className="w-36">
          <Select
            aria-label="Time range"
            value={range}
            onValueChange={(v) => {
              setRange(v);
              update({ since: v === "all" ? undefined : new Date(Date.now() - RANGE_MS[v]!).toISOString() });
            }}
            options={RANGES}
            className="h-7 text-xs"
          />
        </div>
        <Input
          aria-label="Event type"
          placeholder="Event type"
          value={filter.eventType ?? ""}
          onChange={(e) => update({ eventType: e.target.value || undefined })}
          className="h-7 w-40 text-xs"
        />
        <form
          className="relative"
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: q || undefined });
          }}
        >
          <Search className="pointer-events-none absolute top-1/2 left-2 size-3.5 -translate-y-1/2 text-muted-foreground" />
          <Input
            aria-label="Search payloads"
            placeholder="Text in the payload, then Enter"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="h-7 w-60 pl-7 text-xs"
          />
        </form>
        <div className="ml-auto flex items-center gap-2">
          {canEdit ? <BulkReplay filter={filter} /> : null}
          <Button size="sm" asChild>
            <a href={`/api/webhooks/events/export?${filterQuery(filter)}`} download>
              <Download /> Export JSON
            </a>
          </Button>
        </div>
      </div>
      {events.isPending ? (
        <div className="grid gap-2 p-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : events.error ? (
        <div className="p-3">
          <ErrorState title="Could not load webhook events" message={events.error.message} onRetry={() => events.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <EmptyState icon={<Inbox />} title={Object.values(filter).some(Boolean) ? "No events match" : "No webhooks received yet"}>
          {Object.values(filter).some(Boolean) ? (
            "Change or clear the filters."
          ) : (
            <>
              Point a provider at a source&apos;s URL, <span className="font-mono">/api/webhooks/in/&lt;slug&gt;</span>.{" "}
              <Link href="/webhooks/sources" className="text-accent hover:underline">
                Set up a source
              </Link>
              .
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <table className="w-full text-sm" data-testid="events-table">
            <thead>
              <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                <th>Received</th>
                <th>Source</th>
                <th>Event</th>
                <th>Status</th>
                <th className="text-right">Attempts</th>
                <th>Last error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr
                  key={e.id}
                  data-testid="event-row"
                  onClick={(ev) => !(ev.target as HTMLElement).closest("a") && router.push(`/webhooks/events/${e.id}`)}
                  className="cursor-pointer border-b last:border-0 hover:bg-muted/50 [&>td]:px-3 [&>td]:py-1.5"
                >
                  <td className="text-xs whitespace-nowrap">
                    <RelativeTime iso={e.receivedAt} />
                  </td>
                  <td className="text-xs">{e.source.name}</td>
                  <td>
                    <Link href={`/webhooks/events/${e.id}`} className="font-mono text-xs hover:underline">
                      {e.eventType ?? "(no type)"}
                    </Link>
                    <span className="ml-2 text-xs text-muted-foreground">{formatBytes(e.sizeBytes)}</span>
                  </td>
                  <td>
                    <EventStatusBadge status={e.status} />
                  </td>
                  <td className="tabular text-right text-xs">{e.attempts}</td>
                  <td className="max-w-64 truncate font-mono text-xs text-bad" title={e.lastError ?? undefined}>
                    {e.lastError ?? ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.hasNextPage ? (
            <div className="border-t p-2 text-center">
              <Button size="sm" variant="ghost" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? <Loader2 className="animate-spin" /> : null} Load older events
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
