"use client";
import { useQuery } from "@tanstack/react-query";
import { BellOff, BellRing, CheckCircle2, Eye, Repeat, Send } from "lucide-react";
import Link from "next/link";
import { alertQueries } from "@/lib/queries/alerts";
import { formatBacktestValue } from "@/lib/alerts/backtest-chart";
import { formatWhen } from "@/lib/domain/format";
import type { IncidentDetail as Detail, IncidentEventKind } from "@/lib/alerts/types";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { RelativeTime } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { IncidentStatusBadge, SeverityBadge } from "../alerts/badges";
import { AcknowledgeButton, IncidentDuration } from "./incidents-list";

export const EVENT_STYLE: Record<IncidentEventKind, { label: string; icon: typeof BellRing; color: string }> = {
  opened: { label: "Opened", icon: BellRing, color: "var(--bad)" },
  notified: { label: "Notified", icon: Send, color: "var(--accent)" },
  muted: { label: "Muted", icon: BellOff, color: "var(--muted-foreground)" },
  reminder: { label: "Reminder", icon: Repeat, color: "var(--warn)" },
  acknowledged: { label: "Acknowledged", icon: Eye, color: "var(--warn)" },
  resolved: { label: "Resolved", icon: CheckCircle2, color: "var(--ok)" },
};
export function IncidentDetail({ id }: { id: string }) {
  const canEdit = useCan("editor");
  const { data, error, isPending, refetch } = useQuery(alertQueries.incident(id));
  if (isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading incident">
        <Skeleton className="h-10 w-96" />
        <Skeleton className="h-28" />
        <Skeleton className="h-64" />
      </div>
    );
  }
  if (error) {
    return (error as { status?: number }).status === 404 ? (
      <Card>
        <EmptyState
          title="This incident does not exist"
          action={
            <Button asChild>
              <Link href="/incidents">Back to incidents</Link>
            </Button>
          }
        />
      </Card>
    ) : (
      <ErrorState title="Could not load this incident" message={error.message} onRetry={() => refetch()} />
    );
  }
  return <Loaded incident={data} canEdit={canEdit} />;
}

function Loaded({ incident: i, canEdit }: { incident: Detail; canEdit: boolean }) {
  const events = [...i.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/incidents">Incidents</BackLink>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <IncidentStatusBadge status={i.status} />
              <SeverityBadge severity={i.severity} />
              <h1 className="text-lg font-semibold tracking-tight">{i.summary}</h1>
            </div>
            <p className="mt-0.5 text-xs text-muted-foreground">
              <Link href={`/integrations/${i.integration.id}`} className="hover:text-foreground hover:underline">
                {i.integration.name}
              </Link>
              {" · rule "}
              {i.rule.id ? (
                <Link href={`/alerts/${i.rule.id}`} className="hover:text-foreground hover:underline">
                  {i.rule.name}
                </Link>
              ) : (
                `${i.rule.name} (deleted)`
              )}
            </p>
          </div>
          {canEdit ? <AcknowledgeButton incident={i} size="md" /> : null}
        </div>
      </div>

      <Card>
        <CardBody>
          <StatGrid variant="inline" className="grid-cols-2 sm:grid-cols-3 lg:grid-cols-6">
            <StatCard label="Started" value={<RelativeTime iso={i.startedAt} />} />
            <StatCard label={i.resolvedAt ? "Lasted" : "Open for"} value={<IncidentDuration incident={i} />} />
            <StatCard label="Value when opened" value={formatBacktestValue(i.value, i.unit)} />
            <StatCard label="Worst" value={formatBacktestValue(i.peak, i.unit)} />
            <StatCard label="Threshold" value={formatBacktestValue(i.threshold, i.unit)} />
            <StatCard
              label={i.resolvedAt ? "Resolved" : "Acknowledged"}
              value={
                i.resolvedAt ? (
                  <RelativeTime iso={i.resolvedAt} />
                ) : i.acknowledgedAt ? (
                  <span title={i.acknowledgedBy ?? undefined}>
                    <RelativeTime iso={i.acknowledgedAt} />
                  </span>
                ) : (
                  <span className="text-muted-foreground">not yet</span>
                )
              }
            />
          </StatGrid>
        </CardBody>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Timeline</CardTitle>
          <span className="text-xs text-muted-foreground">{events.length} events</span>
        </CardHeader>
        <CardBody>
          {events.length === 0 ? (
            <p className="text-sm text-muted-foreground">No events recorded yet.</p>
          ) : (
            <ol className="relative grid gap-3 border-l pl-5" data-testid="incident-events">
              {events.map((e) => {
                const s = EVENT_STYLE[e.kind];
                return (
                  <li key={e.id} className="relative grid gap-0.5 text-sm" data-event-kind={e.kind}>
                    <span
                      className="absolute top-0.5 -left-[1.72rem] flex size-5 items-center justify-center rounded-full border bg-card"
                      style={{ color: s.color }}
                      aria-hidden
                    >
                      <s.icon className="size-3" />
                    </span>
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-medium">{s.label}</span>
                      {e.reason ? <span className="font-mono text-[11px] text-muted-foreground">{e.reason}</span> : null}
                      <time dateTime={e.at} className="tabular ml-auto text-xs text-muted-foreground">
                        {formatWhen(e.at, { seconds: true })}
                      </time>
                    </div>
                    <p className="text-xs text-muted-foreground">{e.detail}</p>
                  </li>
                );
              })}
            </ol>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
