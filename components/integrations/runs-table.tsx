"use client";
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, ListX } from "lucide-react";
import { Fragment, useState } from "react";
import { integrationQueries } from "@/lib/queries/integrations";
import { formatMs } from "@/lib/domain/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";
import { Switch } from "@/components/ui/switch";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { cn } from "@/lib/cn";
import { ProbeTrace } from "./probe-trace";
import { RelativeTime } from "@/components/ui/relative-time";

export function RunsTable({ integrationId }: { integrationId: string }) {
  const [failedOnly, setFailedOnly] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { data, error, isPending, refetch } = useQuery(integrationQueries.runs(integrationId, failedOnly));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Recent runs</CardTitle>
        <label className="flex items-center gap-2 text-xs text-muted-foreground">
          <Switch checked={failedOnly} onCheckedChange={setFailedOnly} aria-label="Show failures only" />
          Failures only
        </label>
      </CardHeader>
      {isPending ? (
        <div className="grid gap-1.5 p-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-7" />
          ))}
        </div>
      ) : error ? (
        <div className="p-3">
          <ErrorState title="Could not load runs" message={error.message} onRetry={() => refetch()} />
        </div>
      ) : data.runs.length === 0 ? (
        <EmptyState icon={<ListX />} title={failedOnly ? "No failed runs" : "No runs yet"}>
          {failedOnly ? "Every recent run passed." : "The first scheduled probe will appear here within its interval, or press Probe now."}
        </EmptyState>
      ) : (
        <table className="w-full text-sm" data-testid="runs-table">
          <thead>
            <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
              <th className="w-6" />
              <th>When</th>
              <th>Result</th>
              <th className="text-right">Latency</th>
              <th className="text-right">Attempts</th>
              <th>Trigger</th>
            </tr>
          </thead>
          <tbody>
            {data.runs.map((r) => {
              const expanded = open === r.id;
              return (
                <Fragment key={r.id}>
                  <tr data-testid="run-row" className={cn("border-b last:border-0 [&>td]:px-3 [&>td]:py-1.5", expanded && "bg-muted/40")}>
                    <td>
                      <button
                        aria-expanded={expanded}
                        aria-label={expanded ? "Hide trace" : "Show trace"}
                        onClick={() => setOpen(expanded ? null : r.id)}
                        className="rounded p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground"
                      >
                        <ChevronRight className={cn("size-3.5 transition-transform", expanded && "rotate-90")} />
                      </button>
                    </td>
                    <td className="text-xs whitespace-nowrap">
                      <RelativeTime iso={r.startedAt} />
                    </td>
                    <td className="max-w-[18rem]">
                      {r.ok ? (
                        <span className="font-mono text-xs text-ok-fg">ok{r.httpStatus ? ` ${r.httpStatus}` : ""}</span>
                      ) : (
                        <span className="block truncate font-mono text-xs text-bad-fg" title={r.errorMessage ?? undefined}>
                          {r.errorClass}
                          {r.errorMessage ? ` · ${r.errorMessage}` : ""}
                        </span>
                      )}
                    </td>
                    <td className="tabular text-right text-xs">{formatMs(r.latencyMs)}</td>
                    <td className="tabular text-right text-xs">{r.attempts}</td>
                    <td>
                      <Badge tone={r.trigger === "manual" ? "accent" : "neutral"}>{r.trigger}</Badge>
                    </td>
                  </tr>
                  {expanded ? (
                    <tr className="border-b bg-muted/20">
                      <td colSpan={6} className="px-4 py-3">
                        <ProbeTrace run={r} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
