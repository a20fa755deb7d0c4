"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Inbox, Loader2, RotateCcw, Search } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { filterQuery, webhookActions, webhookKeys, webhookQueries, type EventFilterState } from "@/lib/queries/webhooks";
import { formatBytes } from "@/lib/domain/format";
import type { EventSummary } from "@/lib/webhooks/events";
import { Button } from "@/components/ui/button";
import { DataTable, FilterSelect, ToolbarEnd, type Column } from "@/components/ui/data-table";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
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
  const start = useMutation(webhookActions.replayMatching());
  const progress = useQuery(webhookQueries.progress(ids));
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
    <Button
      size="sm"
      onClick={() => start.mutate(filter, { onSuccess: (r) => setIds(r.ids) })}
      disabled={start.isPending}
      title="Queue every failed or dead-lettered event in this filter"
    >
      {start.isPending ? <Loader2 className="animate-spin" /> : <RotateCcw />} Replay failed
    </Button>
  );
}

export function EventExplorer() {
  const canEdit = useCan("editor");
  const [filter, setFilter] = useState<EventFilterState>({});
  const [range, setRange] = useState("all");
  const [q, setQ] = useState("");
  const sources = useQuery(webhookQueries.sources());
  const events = useInfiniteQuery(webhookQueries.events(filter));
  const filtered = Object.values(filter).some(Boolean);
  const update = (next: Partial<EventFilterState>) => setFilter((f) => ({ ...f, ...next }));

  return (
    <DataTable
      query={events}
      rowsOf={(page) => page.events}
      columns={COLUMNS}
      rowKey={(e) => e.id}
      rowHref={(e) => `/webhooks/events/${e.id}`}
      testId="events-table"
      rowTestId="event-row"
      errorTitle="Could not load webhook events"
      moreLabel="Load older events"
      empty={{
        icon: <Inbox />,
        title: filtered ? "No events match" : "No webhooks received yet",
        body: filtered ? (
          "Change or clear the filters."
        ) : (
          <>
            Point a provider at a source&apos;s URL, <span className="font-mono">/api/webhooks/in/&lt;slug&gt;</span>.{" "}
            <Link href="/webhooks/sources" className="text-accent underline underline-offset-2">
              Set up a source
            </Link>
            .
          </>
        ),
      }}
      toolbar={
        <>
          <FilterSelect
            label="Source"
            value={filter.sourceId}
            onChange={(sourceId) => update({ sourceId })}
            any="All sources"
            options={(sources.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <FilterSelect label="Status" value={filter.status} onChange={(status) => update({ status })} any="Any status" options={EVENT_STATUS_OPTIONS} />
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
          <ToolbarEnd>
            {canEdit ? <BulkReplay filter={filter} /> : null}
            <Button size="sm" asChild>
              <a href={`/api/webhooks/events/export?${filterQuery(filter)}`} download>
                <Download /> Export JSON
              </a>
            </Button>
          </ToolbarEnd>
        </>
      }
    />
  );
}

const COLUMNS: Column<EventSummary>[] = [
  { header: "Received", className: "text-xs whitespace-nowrap", cell: (e) => <RelativeTime iso={e.receivedAt} /> },
  { header: "Source", className: "text-xs", cell: (e) => e.source.name },
  {
    header: "Event",
    cell: (e) => (
      <>
        <Link href={`/webhooks/events/${e.id}`} className="font-mono text-xs hover:underline">
          {e.eventType ?? "(no type)"}
        </Link>
        <span className="ml-2 text-xs text-muted-foreground">{formatBytes(e.sizeBytes)}</span>
      </>
    ),
  },
  { header: "Status", cell: (e) => <EventStatusBadge status={e.status} /> },
  { header: "Attempts", headerClassName: "text-right", className: "tabular text-right text-xs", cell: (e) => e.attempts },
  {
    header: "Last error",
    className: "max-w-64 truncate font-mono text-xs text-bad-fg",
    cell: (e) => <span title={e.lastError ?? undefined}>{e.lastError ?? ""}</span>,
  },
];
