"use client";
import { BackLink } from "@/components/ui/back-link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Loader2, Pause, Pencil, Play, Trash2, X, Zap } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { integrationActions, integrationQueries } from "@/lib/queries/integrations";
import { formatMs, formatPercent, formatRuns } from "@/lib/domain/format";
import type { IntegrationDetail as Detail } from "@/lib/integrations/types";
import { Badge } from "@/components/ui/badge";
import { ManagedBadge } from "@/components/ui/managed-badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { SloCard } from "@/components/slos/slo-card";
import { CircuitCard } from "./circuit-card";
import { LocationsCard } from "./locations-card";
import { CheckCard } from "./check-card";
import { FindingsCard } from "./findings-card";
import { ContractCard } from "./contract-card";
import { ReadingsCard } from "./readings-card";
import { WebhooksCard } from "./webhooks-card";
import { ProviderStatusCard } from "./provider-status-card";
import { SecretsCard } from "./secrets-card";
import { TimelineCard } from "./timeline-card";
import { HealthCharts } from "./health-charts";
import { ProbeTrace } from "./probe-trace";
import { RelativeTime } from "@/components/ui/relative-time";
import { RunsTable } from "./runs-table";
import { ToolVersionsCard } from "./tool-versions-card";
import { CircuitBadge, StatusBadge } from "./status";

const budgetOf = (i: Detail) => (i.kind === "http" ? (i.input.config as { latencyBudgetMs?: number }).latencyBudgetMs : undefined);

export function IntegrationDetail({ id }: { id: string }) {
  const { data, error, isPending, refetch } = useQuery(integrationQueries.detail(id));
  if (isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading integration">
        <Skeleton className="h-10 w-80" />
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-[4.5rem]" />
          ))}
        </div>
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (error && !data) {
    const missing = (error as { status?: number }).status === 404;
    return missing ? (
      <Card>
        <EmptyState
          title="This integration does not exist"
          action={
            <Button asChild>
              <Link href="/">Back to integrations</Link>
            </Button>
          }
        >
          It may have been deleted.
        </EmptyState>
      </Card>
    ) : (
      <ErrorState title="Could not load this integration" message={error.message} onRetry={() => refetch()} />
    );
  }
  return <Loaded integration={data} />;
}

function Loaded({ integration: i }: { integration: Detail }) {
  const router = useRouter();
  const probe = useMutation(integrationActions.probeNow(i.id));
  const setEnabled = useMutation(integrationActions.setEnabled(i.id));
  const remove = useMutation(integrationActions.remove(i.id));
  const canEdit = useCan("editor");

  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/">Integrations</BackLink>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-lg font-semibold tracking-tight">{i.name}</h1>
              <StatusBadge status={i.status} />
              <CircuitBadge state={i.circuit} />
              <ManagedBadge managedBy={i.managedBy} />
              {i.tags.map((t) => (
                <Badge key={t}>{t}</Badge>
              ))}
            </div>
            <p className="mt-0.5 truncate font-mono text-xs text-muted-foreground">
              {i.target} · every {i.intervalSeconds} s · timeout {formatMs(i.input.timeoutMs)}
            </p>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap gap-2" data-testid="edit-controls">
              <Button variant="primary" onClick={() => probe.mutate()} disabled={probe.isPending} aria-keyshortcuts="p">
                {probe.isPending ? <Loader2 className="animate-spin" /> : <Zap />} {probe.isPending ? "Probing…" : "Probe now"}
              </Button>
              <Button onClick={() => setEnabled.mutate(!i.enabled)} disabled={setEnabled.isPending}>
                {i.enabled ? <Pause /> : <Play />} {i.enabled ? "Pause" : "Resume"}
              </Button>
              <Button asChild>
                <Link href={`/integrations/${i.id}/edit`}>
                  <Pencil /> Edit
                </Link>
              </Button>
              <ConfirmDialog
                trigger={
                  <Button variant="ghost" size="icon" aria-label="Delete integration">
                    <Trash2 />
                  </Button>
                }
                title={`Delete ${i.name}?`}
                description="Its probe history, rollups and circuit log are deleted with it. This cannot be undone."
                confirmLabel="Delete integration"
                pending={remove.isPending}
                onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/") })}
              />
            </div>
          ) : null}
        </div>
      </div>

      {setEnabled.error ? <ErrorState title="Could not change the schedule" message={setEnabled.error.message} /> : null}
      {remove.error ? <ErrorState title="Could not delete" message={remove.error.message} /> : null}

      {probe.isPending || probe.data || probe.error ? (
        <Card aria-live="polite" data-testid="probe-now-result">
          <CardHeader>
            <CardTitle>Manual probe</CardTitle>
            {!probe.isPending ? (
              <Button variant="ghost" size="icon" aria-label="Dismiss probe result" onClick={() => probe.reset()}>
                <X />
              </Button>
            ) : null}
          </CardHeader>
          <CardBody>
            {probe.isPending ? (
              <div className="flex items-center gap-2 text-sm text-muted-foreground">
                <Loader2 className="size-4 animate-spin" /> Probing {i.target}… up to {i.input.retryAttempts ?? 0} retr
                {i.input.retryAttempts === 1 ? "y" : "ies"} with backoff, {formatMs(i.input.timeoutMs)} timeout each.
              </div>
            ) : probe.error ? (
              <ErrorState title="The probe could not be run" message={probe.error.message} onRetry={() => probe.mutate()} />
            ) : probe.data ? (
              <ProbeTrace run={probe.data} />
            ) : null}
          </CardBody>
        </Card>
      ) : null}

      <StatGrid className="grid-cols-2 lg:grid-cols-4">
        <StatCard label="Uptime · 24 h" value={formatPercent(i.uptime)} sub={formatRuns(i.runs24h)} />
        <StatCard
          label="Error rate · 24 h"
          value={formatPercent(i.errorRate, 1)}
          sub={i.lastError ? <span className="text-bad-fg">last: {i.lastError}</span> : i.errorRate ? "the last run passed" : "no errors"}
        />
        <StatCard label="p95 latency · 24 h" value={formatMs(i.p95Ms)} sub={budgetOf(i) ? `budget ${formatMs(budgetOf(i))}` : "no latency budget"} />
        <StatCard
          label="Last probe"
          value={<RelativeTime iso={i.lastRunAt} fallback="never" />}
          sub={
            i.nextRunAt ? (
              <>
                next run <RelativeTime iso={i.nextRunAt} tense="future" />
              </>
            ) : (
              "paused"
            )
          }
        />
      </StatGrid>

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="grid min-w-0 gap-4">
          <HealthCharts integrationId={i.id} budgetMs={budgetOf(i)} />
          <TimelineCard integrationId={i.id} />
          {i.kind === "mcp" ? <ToolVersionsCard integrationId={i.id} /> : null}
          <RunsTable integrationId={i.id} />
        </div>
        <div className="grid content-start gap-4">
          <LocationsCard integration={i} />
          <SloCard integrationId={i.id} />
          <ProviderStatusCard integration={i} />
          <WebhooksCard integration={i} />
          <FindingsCard integration={i} />
          <ReadingsCard integration={i} />
          <ContractCard integration={i} />
          <CircuitCard integration={i} />
          <SecretsCard integrationId={i.id} />
          <CheckCard integration={i} />
        </div>
      </div>
    </div>
  );
}
