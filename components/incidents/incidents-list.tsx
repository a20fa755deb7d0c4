"use client";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { BellRing, Check, Loader2 } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { alertActions, alertQueries, type IncidentFilter } from "@/lib/queries/alerts";
import { integrationQueries } from "@/lib/queries/integrations";
import { formatDuration } from "@/lib/domain/format";
import type { IncidentStatusFilter, IncidentView } from "@/lib/alerts/types";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Segmented } from "@/components/ui/segmented";
import { Select } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { useCan } from "@/components/app-shell/viewer-context";
import { IncidentStatusBadge, SeverityBadge } from "../alerts/badges";

const STATUSES = ["open", "acknowledged", "resolved", "all"] as const satisfies readonly IncidentStatusFilter[];
const isStatus = (s: string | null): s is IncidentStatusFilter => (STATUSES as readonly string[]).includes(s ?? "");

export function AcknowledgeButton({ incident, size = "sm" }: { incident: IncidentView; size?: "sm" | "md" }) {
  const ack = useMutation(alertActions.acknowledge());
  if (incident.status !== "open") return null;
  return (
    <span className="inline-flex items-center gap-2">
      <Button size={size} onClick={() => ack.mutate(incident.id)} disabled={ack.isPending} aria-label={`Acknowledge ${incident.summary}`}>
        {ack.isPending ? <Loader2 className="animate-spin" /> : <Check />} Acknowledge
      </Button>
      {ack.error ? (
        <span role="alert" className="text-xs text-bad-fg">
          {ack.error.message}
        </span>
      ) : null}
    </span>
  );
}

/** Running time for an open incident, total time for a resolved one. */
export function IncidentDuration({ incident }: { incident: IncidentView }) {
  const now = useNow();
  const end = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
  return <span className="tabular">{formatDuration(end - Date.parse(incident.startedAt))}</span>;
}

export function IncidentsList() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const canEdit = useCan("editor");
  const filter: IncidentFilter = {
    status: isStatus(params.get("status")) ? (params.get("status") as IncidentStatusFilter) : "open",
    integrationId: params.get("integrationId") ?? undefined,
    ruleId: params.get("ruleId") ?? undefined,
  };
  const incidents = useInfiniteQuery(alertQueries.incidents(filter));
  const integrations = useQuery(integrationQueries.list());
  const rules = useQuery(alertQueries.rules());
  const rows = incidents.data?.pages.flatMap((p) => p.incidents) ?? [];
  const narrowed = !!(filter.integrationId || filter.ruleId);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-2 border-b px-3 py-2">
        <Segmented label="Incident status" value={filter.status} onValueChange={(v) => setParam("status", v)} options={STATUSES} />
        <div className="w-48">
          <Select
            aria-label="Integration"
            value={filter.integrationId ?? "all"}
            onValueChange={(v) => setParam("integrationId", v === "all" ? undefined : v)}
            options={[{ value: "all", label: "All integrations" }, ...(integrations.data ?? []).map((i) => ({ value: i.id, label: i.name }))]}
            className="h-7 text-xs"
          />
        </div>
        <div className="w-48">
          <Select
            aria-label="Rule"
            value={filter.ruleId ?? "all"}
            onValueChange={(v) => setParam("ruleId", v === "all" ? undefined : v)}
            options={[{ value: "all", label: "All rules" }, ...(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))]}
            className="h-7 text-xs"
          />
        </div>
      </div>
      {incidents.isPending ? (
        <div className="grid gap-2 p-3" aria-busy="true">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-8" />
          ))}
        </div>
      ) : incidents.error ? (
        <div className="p-3">
          <ErrorState title="Could not load incidents" message={incidents.error.message} onRetry={() => incidents.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <EmptyState icon={<BellRing />} title={filter.status === "open" && !narrowed ? "No open incidents" : "No incidents match"}>
          {filter.status === "open" && !narrowed ? (
            <>
              Every rule is quiet. Incidents open here when a rule fires;{" "}
              <Link href="/alerts" className="text-accent underline underline-offset-2">
                see the rules
              </Link>
              .
            </>
          ) : (
            "Change or clear the filters."
          )}
        </EmptyState>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="incidents-table">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>Status</th>
                  <th>Severity</th>
                  <th>Incident</th>
                  <th>Integration</th>
                  <th>Rule</th>
                  <th>Started</th>
                  <th className="text-right">Duration</th>
                  {canEdit ? <th className="sr-only">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.id} data-testid="incident-row" className="border-b last:border-0 hover:bg-muted/50 [&>td]:px-3 [&>td]:py-1.5">
                    <td>
                      <IncidentStatusBadge status={i.status} />
                    </td>
                    <td>
                      <SeverityBadge severity={i.severity} />
                    </td>
                    <td className="max-w-96">
                      <Link href={`/incidents/${i.id}`} className="line-clamp-2 hover:underline">
                        {i.summary}
                      </Link>
                    </td>
                    <td className="text-xs whitespace-nowrap">
                      <Link href={`/integrations/${i.integration.id}`} className="hover:underline">
                        {i.integration.name}
                      </Link>
                    </td>
                    <td className="text-xs">
                      {i.rule.id ? (
                        <Link href={`/alerts/${i.rule.id}`} className="hover:underline">
                          {i.rule.name}
                        </Link>
                      ) : (
                        <span className="text-muted-foreground">{i.rule.name} (deleted)</span>
                      )}
                    </td>
                    <td className="text-xs whitespace-nowrap">
                      <RelativeTime iso={i.startedAt} />
                    </td>
                    <td className="text-right text-xs whitespace-nowrap">
                      <IncidentDuration incident={i} />
                    </td>
                    {canEdit ? (
                      <td className="text-right whitespace-nowrap">
                        <AcknowledgeButton incident={i} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {incidents.hasNextPage ? (
            <div className="border-t p-2 text-center">
              <Button size="sm" variant="ghost" onClick={() => incidents.fetchNextPage()} disabled={incidents.isFetchingNextPage}>
                {incidents.isFetchingNextPage ? <Loader2 className="animate-spin" /> : null} Load older incidents
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
