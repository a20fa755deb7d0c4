"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Download, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo } from "react";
import { openSloExportUrl, sloActions, sloQueries } from "@/lib/queries/slos";
import { SLO_WINDOW_LABELS } from "@/lib/slo/slo";
import { burnTone, formatAchieved, formatBurn, formatRatioPct, toBudgetRows } from "@/lib/slo/budget-chart";
import type { SloDetail as Detail } from "@/lib/slo/types";
import { BudgetChart } from "@/components/charts/budget-chart";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { PageHeader } from "@/components/ui/page-header";
import { Skeleton } from "@/components/ui/skeleton";
import { StatCard, StatGrid } from "@/components/ui/stat";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { SloStatusBadge } from "./slo-badges";

function sliText(s: Detail): string {
  return s.sli.kind === "availability"
    ? "Successful probe runs, of all runs"
    : `Successful runs no slower than ${s.sli.thresholdMs.toLocaleString("en")} ms, of all runs`;
}

function Body({ s }: { s: Detail }) {
  const rows = useMemo(() => toBudgetRows(s.series), [s.series]);
  const burn = (label: string, b: number | null) => (
    <StatCard label={`Burn rate · ${label}`} value={formatBurn(b)} tone={burnTone(b) === "bad" ? "bad" : undefined} />
  );
  return (
    <>
      <StatGrid className="grid-cols-2 md:grid-cols-4">
        <StatCard
          label="Budget remaining"
          value={<span data-testid="budget-remaining">{formatRatioPct(s.budgetRemaining)}</span>}
          tone={(s.budgetRemaining ?? 1) <= 0 ? "bad" : undefined}
          sub={`${(s.total - s.good).toLocaleString("en")} bad of ${s.total.toLocaleString("en")} runs`}
        />
        <StatCard
          label="Achieved"
          value={formatAchieved(s.achievedPct)}
          sub={`objective ${s.objectivePct}%${s.slaPct !== null ? ` · contracted SLA ${s.slaPct}%` : ""}`}
        />
        {burn("1 h", s.burnRates.h1)}
        {burn("6 h", s.burnRates.h6)}
        {burn("3 d", s.burnRates.d3)}
      </StatGrid>
      <Card>
        <CardHeader>
          <CardTitle>Error budget over the window</CardTitle>
        </CardHeader>
        <CardBody>
          {s.total === 0 ? (
            <EmptyState title="No probe runs in this window yet">The budget starts counting with the first run of an integration this SLO covers.</EmptyState>
          ) : (
            <BudgetChart rows={rows} />
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Definition</CardTitle>
        </CardHeader>
        <CardBody>
          <dl className="grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted-foreground">SLI</dt>
            <dd>{sliText(s)}</dd>
            <dt className="text-muted-foreground">Window</dt>
            <dd>
              {SLO_WINDOW_LABELS[s.window]} (since {new Date(s.windowFrom).toLocaleString("en", { timeZone: "UTC" })} UTC)
            </dd>
            <dt className="text-muted-foreground">Covers</dt>
            <dd>
              {s.integrations.length === 0
                ? "no integration yet"
                : s.integrations.map((i, k) => (
                    <span key={i.id}>
                      {k > 0 ? ", " : ""}
                      <Link className="hover:underline" href={`/integrations/${i.id}`}>
                        {i.name}
                      </Link>
                    </span>
                  ))}
            </dd>
          </dl>
        </CardBody>
      </Card>
    </>
  );
}

export function SloDetail({ id }: { id: string }) {
  const router = useRouter();
  const canEdit = useCan("editor");
  const slo = useQuery(sloQueries.detail(id));
  const remove = useMutation(sloActions.remove(id));
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/slos">SLOs</BackLink>
        <PageHeader
          title={slo.data ? slo.data.name : "SLO"}
          description={slo.data ? `${slo.data.objectivePct}% over ${SLO_WINDOW_LABELS[slo.data.window].toLowerCase()} · ${slo.data.scopeText}` : undefined}
          actions={
            <div className="flex items-center gap-2">
              {slo.data ? <SloStatusBadge status={slo.data.status} /> : null}
              {slo.data ? (
                <Button asChild>
                  <a href={openSloExportUrl(id)} download>
                    <Download /> OpenSLO
                  </a>
                </Button>
              ) : null}
              {canEdit && slo.data ? (
                <Button asChild>
                  <Link href={`/slos/${id}/edit`}>
                    <Pencil /> Edit
                  </Link>
                </Button>
              ) : null}
              {canEdit && slo.data ? (
                <ConfirmDialog
                  trigger={
                    <Button variant="danger">
                      <Trash2 /> Delete
                    </Button>
                  }
                  title="Delete this SLO?"
                  description="Its figures are computed from the rollups, which stay. Alert rules that watch it must be changed first."
                  confirmLabel="Delete SLO"
                  pending={remove.isPending}
                  onConfirm={() => remove.mutate(undefined, { onSuccess: () => router.push("/slos") })}
                />
              ) : null}
            </div>
          }
        />
      </div>
      {remove.error ? <ErrorState title="Could not delete the SLO" message={remove.error.message} /> : null}
      {slo.isPending ? (
        <div className="grid gap-3" aria-busy="true">
          <Skeleton className="h-20" />
          <Skeleton className="h-48" />
        </div>
      ) : slo.error || !slo.data ? (
        <ErrorState title="Could not load the SLO" message={slo.error?.message} onRetry={() => slo.refetch()} />
      ) : (
        <Body s={slo.data} />
      )}
    </div>
  );
}
