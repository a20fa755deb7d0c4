"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { BellPlus, BellRing } from "lucide-react";
import Link from "next/link";
import { useMemo } from "react";
import { alertActions, alertQueries } from "@/lib/queries/alerts";
import { integrationQueries } from "@/lib/queries/integrations";
import { describeCondition, describeResolve, describeScope } from "@/lib/alerts/condition-text";
import type { AlertRuleView } from "@/lib/alerts/types";
import { Badge } from "@/components/ui/badge";
import { ManagedBadge } from "@/components/ui/managed-badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryBody } from "@/components/ui/query-body";
import { ErrorState } from "@/components/ui/state";
import { Switch } from "@/components/ui/switch";
import { useCan } from "@/components/app-shell/viewer-context";
import { SeverityBadge } from "./badges";

function RuleState({ counts }: { counts: AlertRuleView["counts"] }) {
  if (counts.firing === 0 && counts.pending === 0) return <span className="text-xs text-muted-foreground">ok</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {counts.firing > 0 ? (
        <Badge tone="bad" data-testid="rule-firing">
          <BellRing aria-hidden className="size-3" /> {counts.firing} firing
        </Badge>
      ) : null}
      {counts.pending > 0 ? <Badge tone="warn">{counts.pending} pending</Badge> : null}
    </span>
  );
}

export function RulesList() {
  const canEdit = useCan("editor");
  const rules = useQuery(alertQueries.rules());
  const integrations = useQuery(integrationQueries.list());
  const channels = useQuery(alertQueries.channels());
  const setEnabled = useMutation(alertActions.setRuleEnabled());
  const integrationNames = useMemo(() => new Map((integrations.data ?? []).map((i) => [i.id, i.name])), [integrations.data]);
  const channelNames = useMemo(() => new Map((channels.data ?? []).map((c) => [c.id, c.name])), [channels.data]);

  return (
    <Card>
      {setEnabled.error ? (
        <div className="border-b p-3">
          <ErrorState title="Could not change the rule" message={setEnabled.error.message} />
        </div>
      ) : null}
      <QueryBody
        query={rules}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load alert rules"
        rows={4}
        empty={{
          icon: <BellPlus />,
          title: "No alert rules yet",
          body: (
            <>
              A rule watches one integration, a tag or everything, and notifies your channels when a condition holds: an error rate, a latency percentile,
              failures in a row, an open circuit.
              {canEdit ? (
                <span className="mt-3 block">
                  <Button variant="primary" asChild>
                    <Link href="/alerts/new">Create a rule</Link>
                  </Button>
                </span>
              ) : null}
            </>
          ),
        }}
      >
        {(data) => (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="rules-table">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>Rule</th>
                  <th>Scope</th>
                  <th>Condition</th>
                  <th>Severity</th>
                  <th>Now</th>
                  <th>Channels</th>
                  <th className="text-right">Enabled</th>
                </tr>
              </thead>
              <tbody>
                {data.map((r) => {
                  const resolve = describeResolve(r.condition);
                  return (
                    <tr key={r.id} data-testid="rule-row" className="border-b last:border-0 hover:bg-muted/50 [&>td]:px-3 [&>td]:py-2 [&>td]:align-top">
                      <td className="font-medium">
                        <Link href={`/alerts/${r.id}`} className="hover:underline">
                          {r.name}
                        </Link>{" "}
                        <ManagedBadge managedBy={r.managedBy} />
                        {r.counts.openIncidents > 0 ? (
                          <Link href={`/incidents?ruleId=${r.id}`} className="block text-xs font-normal text-bad-fg hover:underline">
                            {r.counts.openIncidents} open incident{r.counts.openIncidents === 1 ? "" : "s"}
                          </Link>
                        ) : null}
                      </td>
                      <td className="text-xs whitespace-nowrap">
                        {r.scope.kind === "integration" ? (
                          <Link href={`/integrations/${r.scope.integrationId}`} className="hover:underline">
                            {describeScope(r.scope, integrationNames)}
                          </Link>
                        ) : (
                          describeScope(r.scope)
                        )}
                      </td>
                      <td className="text-xs">
                        {describeCondition(r.condition)}
                        {resolve || r.pendingSeconds > 0 ? (
                          <span className="block text-muted-foreground">
                            {[r.pendingSeconds > 0 ? `holds ${r.pendingSeconds} s first` : null, resolve].filter(Boolean).join(" · ")}
                          </span>
                        ) : null}
                      </td>
                      <td>
                        <SeverityBadge severity={r.severity} />
                      </td>
                      <td>
                        <RuleState counts={r.counts} />
                      </td>
                      <td className="max-w-48 text-xs">
                        {r.channelIds.length === 0 ? (
                          <span className="text-muted-foreground">none</span>
                        ) : channels.data ? (
                          <span className="line-clamp-2">{r.channelIds.map((id) => channelNames.get(id) ?? "(deleted channel)").join(", ")}</span>
                        ) : (
                          `${r.channelIds.length} channel${r.channelIds.length === 1 ? "" : "s"}`
                        )}
                      </td>
                      <td className="text-right">
                        {canEdit ? (
                          <Switch
                            checked={r.enabled}
                            aria-label={`${r.enabled ? "Disable" : "Enable"} ${r.name}`}
                            disabled={setEnabled.isPending && setEnabled.variables?.id === r.id}
                            onCheckedChange={(enabled) => setEnabled.mutate({ id: r.id, enabled })}
                          />
                        ) : (
                          <Badge tone={r.enabled ? "ok" : "neutral"}>{r.enabled ? "on" : "off"}</Badge>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryBody>
    </Card>
  );
}
