"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { integrationQueries } from "@/lib/queries/integrations";
import { toErrorRateRows, toLatencyRows } from "@/lib/integrations/chart-data";
import { WINDOW_SPEC } from "@/lib/integrations/series-window";
import { SERIES_WINDOWS, type SeriesWindow } from "@/lib/integrations/types";
import { LatencyChart } from "@/components/charts/latency-chart";
import { ErrorRateChart } from "@/components/charts/error-rate-chart";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";

export function HealthCharts({ integrationId, budgetMs }: { integrationId: string; budgetMs?: number }) {
  const [window, setWindow] = useState<SeriesWindow>("1h");
  const { data, error, isPending, isPlaceholderData, refetch } = useQuery(integrationQueries.series(integrationId, window));
  const latency = useMemo(() => (data ? toLatencyRows(data) : []), [data]);
  const errors = useMemo(() => (data ? toErrorRateRows(data) : []), [data]);
  const spanMs = WINDOW_SPEC[window].spanMs;
  const empty = data && data.points.length === 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Latency and errors</CardTitle>
        <Segmented label="Chart window" value={window} onValueChange={setWindow} options={SERIES_WINDOWS} />
      </CardHeader>
      <CardBody className={cn("grid gap-4 transition-opacity", isPlaceholderData && "opacity-60")} aria-busy={isPlaceholderData}>
        {isPending ? (
          <>
            <Skeleton className="h-56" />
            <Skeleton className="h-40" />
          </>
        ) : error ? (
          <ErrorState title="Could not load the charts" message={error.message} onRetry={() => refetch()} />
        ) : (
          <>
            <section aria-labelledby="latency-h">
              <div className="mb-1 flex items-baseline justify-between">
                <h3 id="latency-h" className="text-xs font-medium text-muted-foreground">
                  Latency · p50 / p95 / p99
                </h3>
                {empty ? <span className="text-xs text-muted-foreground">No runs in this window yet</span> : null}
              </div>
              <LatencyChart rows={latency} spanMs={spanMs} budgetMs={budgetMs} />
            </section>
            <section aria-labelledby="errors-h">
              <h3 id="errors-h" className="mb-1 text-xs font-medium text-muted-foreground">
                Error rate
              </h3>
              <ErrorRateChart rows={errors} spanMs={spanMs} />
            </section>
          </>
        )}
      </CardBody>
    </Card>
  );
}
