"use client";
import { ManagedBadge, ManagedWarning } from "@/components/ui/managed-badge";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { alertQueries } from "@/lib/queries/alerts";
import type { AlertRuleView } from "@/lib/alerts/types";
import type { RuleInput } from "@/lib/alerts/rule";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/state";
import { useCan } from "@/components/app-shell/viewer-context";
import { SeverityBadge } from "./badges";
import { RuleEditor } from "./rule-editor";

const inputOf = (r: AlertRuleView): RuleInput => ({
  name: r.name,
  enabled: r.enabled,
  severity: r.severity,
  scope: r.scope,
  condition: r.condition,
  pendingSeconds: r.pendingSeconds,
  flapMaxChanges: r.flapMaxChanges,
  flapWindowMinutes: r.flapWindowMinutes,
  reminderMinutes: r.reminderMinutes,
  muteDuringProviderIncident: r.muteDuringProviderIncident,
  channelIds: r.channelIds,
});

/** The edit page's body: loads the rule, then the editor (read-only below the editor role). */
export function RuleEdit({ id }: { id: string }) {
  const canEdit = useCan("editor");
  const { data, error, isPending, refetch } = useQuery({ ...alertQueries.rule(id), refetchOnWindowFocus: false });
  if (isPending) {
    return (
      <div className="grid gap-4" aria-busy="true" aria-label="Loading rule">
        <Skeleton className="h-10 w-72" />
        <div className="grid gap-4 lg:grid-cols-[34rem_1fr]">
          <Skeleton className="h-[28rem]" />
          <Skeleton className="h-72" />
        </div>
      </div>
    );
  }
  if (error) {
    return (error as { status?: number }).status === 404 ? (
      <Card>
        <EmptyState
          title="This rule does not exist"
          action={
            <Button asChild>
              <Link href="/alerts">Back to alert rules</Link>
            </Button>
          }
        >
          It may have been deleted.
        </EmptyState>
      </Card>
    ) : (
      <ErrorState title="Could not load this rule" message={error.message} onRetry={() => refetch()} />
    );
  }
  return (
    <div className="grid gap-4">
      <div>
        <BackLink href="/alerts">Alert rules</BackLink>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="text-lg font-semibold tracking-tight">{data.name}</h1>
          <SeverityBadge severity={data.severity} />
          <ManagedBadge managedBy={data.managedBy} />
          {data.counts.openIncidents > 0 ? (
            <Link href={`/incidents?ruleId=${data.id}`} className="text-xs text-bad-fg hover:underline">
              {data.counts.openIncidents} open incident{data.counts.openIncidents === 1 ? "" : "s"}
            </Link>
          ) : null}
        </div>
        {!canEdit ? <p className="text-xs text-muted-foreground">Read only: changing rules needs the editor role.</p> : null}
      </div>
      <fieldset disabled={!canEdit} className="min-w-0">
        <ManagedWarning managedBy={data.managedBy} />
        <RuleEditor key={data.updatedAt} ruleId={data.id} initial={inputOf(data)} />
      </fieldset>
    </div>
  );
}
