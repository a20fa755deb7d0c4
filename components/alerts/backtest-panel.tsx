"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History, Loader2 } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { alertQueries } from "@/lib/queries/alerts";
import { backtestHeadline, backtestYMax, firingsByIntegration, formatBacktestValue, toBacktestRows, toFiringAreas } from "@/lib/alerts/backtest-chart";
import { formatDuration, formatWhen } from "@/lib/domain/format";
import type { RuleInput } from "@/lib/alerts/rule";
import type { BacktestRequest } from "@/lib/alerts/types";
import { BacktestChart } from "@/components/charts/backtest-chart";
import { Card, CardBody, CardHeader, CardTitle } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";

const RANGES = ["1 day", "7 days", "30 days"] as const;
const RANGE_DAYS: Record<(typeof RANGES)[number], number> = { "1 day": 1, "7 days": 7, "30 days": 30 };

/** The value after it stopped changing for `ms` (compared as JSON, so a new object with the same content is no change). */
function useDebounced<T>(value: T, ms: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(t);
  }, [key, ms]);
  return settled;
}

/**
 * Replays the draft rule over stored data as it is edited: the headline, the chart of the measured value with the
 * thresholds and each firing shaded, and the firings listed. `problem` explains why there is no valid draft yet.
 */
export function BacktestPanel({
  draft,
  problem,
  scopeIntegrations,
}: {
  draft: RuleInput | null;
  problem: string | null;
  scopeIntegrations: { id: string; name: string }[];
}) {
  const [range, setRange] = useState<(typeof RANGES)[number]>("7 days");
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const days = RANGE_DAYS[range];
  const chartIntegration = chosen && scopeIntegrations.some((i) => i.id === chosen) ? chosen : undefined;
  const request = useDebounced<BacktestRequest | null>(draft ? { rule: draft, days, integrationId: chartIntegration } : null, 500);
  const backtest = useQuery({
    ...alertQueries.backtest(request ?? { rule: draft as RuleInput }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
  const data = request ? backtest.data : undefined;
  const rows = useMemo(() => (data ? toBacktestRows(data) : []), [data]);
  const areas = useMemo(() => (data ? toFiringAreas(data) : []), [data]);
  const fired = useMemo(() => (data ? firingsByIntegration(data) : []), [data]);
  const charted = data?.seriesIntegrationId
    ? (scopeIntegrations.find((i) => i.id === data.seriesIntegrationId)?.name ?? fired.find((f) => f.integrationId === data.seriesIntegrationId)?.name)
    : undefined;
  const busy =
    request !== null &&
    (backtest.isFetching || JSON.stringify(request) !== JSON.stringify(draft ? { rule: draft, days, integrationId: chartIntegration } : null));

  return (
    <Card aria-labelledby="backtest-h" data-testid="backtest">
      <CardHeader>
        <CardTitle id="backtest-h" className="flex items-center gap-1.5">
          <History className="size-4 text-muted-foreground" aria-hidden /> Backtest
        </CardTitle>
        <Segmented label="Backtest window" value={range} onValueChange={setRange} options={RANGES} />
      </CardHeader>
      <CardBody className="grid gap-3">
        {!draft ? (
          <EmptyState icon={<History />} title="Nothing to replay yet">
            {problem ?? "Fill in the scope and the condition to see how often this rule would have fired."}
          </EmptyState>
        ) : !data && backtest.error && !busy ? (
          <ErrorState title="Could not run the backtest" message={backtest.error.message} onRetry={() => backtest.refetch()} />
        ) : !data ? (
          <div className="grid gap-2" aria-busy="true">
            <p className="flex items-center gap-2 text-sm text-muted-foreground">
              <Loader2 className="size-4 animate-spin" /> Replaying the last {days === 1 ? "day" : `${days} days`} of stored data…
            </p>
            <Skeleton className="h-52" />
          </div>
        ) : (
          <div className={cn("grid gap-3 transition-opacity", busy && "opacity-60")} aria-busy={busy}>
            <div className="flex items-start gap-2">
              <p className="text-sm font-medium" data-testid="backtest-headline" aria-live="polite">
                {backtestHeadline(data, days)}
              </p>
              {busy ? <Loader2 className="mt-0.5 size-4 shrink-0 animate-spin text-muted-foreground" aria-label="Updating" /> : null}
            </div>
            {backtest.error ? <ErrorState title="Could not update the backtest" message={backtest.error.message} onRetry={() => backtest.refetch()} /> : null}
            {data.supported ? (
              <>
                {data.note ? <p className="text-xs text-muted-foreground">{data.note}</p> : null}
                {scopeIntegrations.length > 1 ? (
                  <div className="flex items-center gap-2 text-xs">
                    <label htmlFor="backtest-integration" className="text-muted-foreground">
                      Chart
                    </label>
                    <div className="w-56">
                      <Select
                        id="backtest-integration"
                        value={data.seriesIntegrationId ?? ""}
                        onValueChange={setChosen}
                        options={scopeIntegrations.map((i) => {
                          const n = fired.find((f) => f.integrationId === i.id)?.count ?? 0;
                          return { value: i.id, label: n > 0 ? `${i.name} (${n})` : i.name };
                        })}
                        className="h-7 text-xs"
                      />
                    </div>
                    <span className="text-muted-foreground">
                      {data.evaluatedIntegrations} evaluated{data.skippedIntegrations > 0 ? `, ${data.skippedIntegrations} left out` : ""}
                    </span>
                  </div>
                ) : charted ? (
                  <p className="text-xs text-muted-foreground">{charted}</p>
                ) : null}
                {rows.length === 0 ? (
                  <p className="text-xs text-muted-foreground">No stored data in this window to draw.</p>
                ) : (
                  <BacktestChart
                    rows={rows}
                    areas={areas}
                    threshold={data.threshold}
                    resolveThreshold={data.resolveThreshold}
                    unit={data.unit}
                    yMax={backtestYMax(data, rows)}
                    spanMs={rows.at(-1)!.t - rows[0]!.t}
                  />
                )}
                {data.firings.length > 0 ? (
                  <ol className="grid max-h-48 gap-1 overflow-y-auto text-xs" data-testid="backtest-firings">
                    {data.firings.slice(0, 50).map((f) => (
                      <li key={`${f.integrationId}-${f.start}`} className="flex flex-wrap items-baseline gap-x-2 border-l-2 border-bad/60 pl-2">
                        <span className="font-medium">{f.integrationName}</span>
                        <span className="tabular text-muted-foreground">
                          {formatWhen(f.start)} · {f.end ? formatDuration(Date.parse(f.end) - Date.parse(f.start)) : "still firing"}
                        </span>
                        {f.peak !== null ? <span className="tabular ml-auto">peak {formatBacktestValue(f.peak, data.unit)}</span> : null}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </>
            ) : null}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
