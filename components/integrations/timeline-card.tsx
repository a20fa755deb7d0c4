"use client";
import { useQuery } from "@tanstack/react-query";
import { BellRing, CircuitBoard, History, Wrench, TriangleAlert, Zap } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { alertQueries } from "@/lib/queries/alerts";
import { formatMs, formatTimestamp } from "@/lib/domain/format";
import { toTimelineLanes, type LaneSegment } from "@/lib/alerts/timeline-data";
import type { TimelineItem } from "@/lib/alerts/types";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { IncidentStatusBadge } from "@/components/alerts/badges";
import { RelativeTime } from "@/components/ui/relative-time";

const TONE: Record<LaneSegment["tone"], string> = { bad: "bg-bad/70", warn: "bg-warn/70", ok: "bg-ok/60", neutral: "bg-muted-foreground/40" };
const SHOWN = 12;

function Lane({ label, segments }: { label: string; segments: LaneSegment[] }) {
  return (
    <div className="grid grid-cols-[4.5rem_1fr] items-center gap-2">
      <span className="text-[11px] text-muted-foreground">{label}</span>
      <div className="relative h-3 rounded-sm bg-muted" role="list" aria-label={`${label}: ${segments.length} period${segments.length === 1 ? "" : "s"}`}>
        {segments.map((s) => (
          <span
            key={s.from}
            role="listitem"
            title={`${s.label}: ${formatTimestamp(s.from)} → ${s.to ? formatTimestamp(s.to) : "now"}`}
            className={`absolute inset-y-0 rounded-sm ${TONE[s.tone]}`}
            style={{ left: `${s.start * 100}%`, width: `max(3px, ${(s.end - s.start) * 100}%)` }}
          />
        ))}
      </div>
    </div>
  );
}

function Entry({ item }: { item: TimelineItem }) {
  if (item.kind === "incident") {
    const i = item.incident;
    return (
      <li className="grid gap-0.5 border-l-2 border-bad/70 pl-2.5" data-timeline-kind="incident">
        <div className="flex items-center gap-1.5">
          <BellRing className="size-3 text-bad-fg" aria-hidden />
          <Link href={`/incidents/${i.id}`} className="truncate font-medium hover:underline">
            {i.summary}
          </Link>
          <span className="ml-auto shrink-0 text-muted-foreground">
            <RelativeTime iso={item.at} />
          </span>
        </div>
        <div className="flex items-center gap-1.5 text-muted-foreground">
          <IncidentStatusBadge status={i.status} />
          {i.rule.name}
          {item.events.length ? ` · ${item.events.length} events` : ""}
        </div>
      </li>
    );
  }
  if (item.kind === "tool_version") {
    const counts = (["breaking", "additive", "cosmetic"] as const).filter((k) => item[k] > 0).map((k) => `${item[k]} ${k}`);
    return (
      <li className={`grid gap-0.5 border-l-2 pl-2.5 ${item.breaking > 0 ? "border-bad/70" : "border-accent/60"}`} data-timeline-kind="tool_version">
        <div className="flex items-center gap-1.5">
          <Wrench className={`size-3 ${item.breaking > 0 ? "text-bad-fg" : "text-muted-foreground"}`} aria-hidden />
          Tool version {item.seq}
          <span className="text-muted-foreground">{counts.join(" · ")}</span>
          <span className="ml-auto shrink-0 text-muted-foreground">
            <RelativeTime iso={item.at} />
          </span>
        </div>
      </li>
    );
  }
  if (item.kind === "circuit") {
    return (
      <li
        className="grid gap-0.5 border-l-2 pl-2.5"
        style={{ borderColor: item.to === "open" ? "var(--bad)" : item.to === "half_open" ? "var(--warn)" : "var(--ok)" }}
        data-timeline-kind="circuit"
      >
        <div className="flex items-center gap-1.5">
          <CircuitBoard className="size-3 text-muted-foreground" aria-hidden />
          circuit <span className="font-mono">{item.from}</span>→<span className="font-mono font-medium">{item.to}</span>
          <span className="ml-auto shrink-0 text-muted-foreground">
            <RelativeTime iso={item.at} />
          </span>
        </div>
        <span className="text-muted-foreground">{item.reason}</span>
      </li>
    );
  }
  const failed = item.change === "failed";
  return (
    <li className={`grid gap-0.5 border-l-2 pl-2.5 ${failed ? "border-bad/70" : "border-ok/70"}`} data-timeline-kind="probe">
      <div className="flex items-center gap-1.5">
        {failed ? <TriangleAlert className="size-3 text-bad-fg" aria-hidden /> : <Zap className="size-3 text-ok-fg" aria-hidden />}
        {failed ? "Probes started failing" : "Probes recovered"}
        {failed && item.errorClass ? <span className="font-mono text-bad-fg">{item.errorClass}</span> : null}
        {!failed && item.latencyMs !== null ? <span className="tabular text-muted-foreground">{formatMs(item.latencyMs)}</span> : null}
        <span className="ml-auto shrink-0 text-muted-foreground">
          <RelativeTime iso={item.at} />
        </span>
      </div>
      {failed && item.errorMessage ? (
        <span className="truncate text-muted-foreground" title={item.errorMessage}>
          {item.errorMessage}
        </span>
      ) : null}
    </li>
  );
}

/** Incidents beside probe state changes and circuit transitions over the last 24 hours: three lanes, then the list. */
export function TimelineCard({ integrationId }: { integrationId: string }) {
  const { data, error, isPending, refetch } = useQuery(alertQueries.timeline(integrationId));
  const [all, setAll] = useState(false);
  const lanes = useMemo(() => (data ? toTimelineLanes(data) : null), [data]);
  return (
    <Card data-testid="integration-timeline">
      <CardHeader>
        <CardTitle>Timeline</CardTitle>
        <span className="text-xs text-muted-foreground">last 24 h</span>
      </CardHeader>
      {isPending ? (
        <CardBody className="grid gap-2">
          <Skeleton className="h-12" />
          <Skeleton className="h-16" />
        </CardBody>
      ) : error ? (
        <CardBody>
          <ErrorState title="Could not load the timeline" message={error.message} onRetry={() => refetch()} />
        </CardBody>
      ) : data.items.length === 0 ? (
        <EmptyState icon={<History />} title="A quiet day">
          No incidents, probe failures, circuit or tool changes in the last 24 hours.
        </EmptyState>
      ) : (
        <CardBody className="grid gap-3 text-xs">
          <div className="grid gap-1.5" aria-label="Timeline lanes">
            <Lane label="Incidents" segments={lanes!.incidents} />
            <Lane label="Probes" segments={lanes!.probes} />
            <Lane label="Circuit" segments={lanes!.circuit} />
            <div className="grid grid-cols-[4.5rem_1fr] gap-2 text-[11px] text-muted-foreground" aria-hidden>
              <span />
              <div className="flex justify-between">
                <span>24 h ago</span>
                <span>12 h</span>
                <span>now</span>
              </div>
            </div>
          </div>
          <ol className="grid gap-2" data-testid="timeline-items">
            {(all ? data.items : data.items.slice(0, SHOWN)).map((item) => (
              <Entry
                key={`${item.kind}-${item.at}-${item.kind === "incident" ? item.incident.id : item.kind === "probe" ? item.runId : item.kind === "tool_version" ? item.seq : item.to}`}
                item={item}
              />
            ))}
          </ol>
          {data.items.length > SHOWN || data.truncated ? (
            <div className="flex items-center justify-between">
              {data.items.length > SHOWN ? (
                <Button size="sm" variant="ghost" onClick={() => setAll(!all)}>
                  {all ? "Show fewer" : `Show all ${data.items.length}`}
                </Button>
              ) : (
                <span />
              )}
              {data.truncated ? <span className="text-muted-foreground">Older entries left out</span> : null}
            </div>
          ) : null}
        </CardBody>
      )}
    </Card>
  );
}
