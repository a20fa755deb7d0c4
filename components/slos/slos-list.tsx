"use client";
import { useQuery } from "@tanstack/react-query";
import { Target } from "lucide-react";
import Link from "next/link";
import { sloQueries } from "@/lib/queries/slos";
import { SLO_WINDOW_LABELS } from "@/lib/slo/slo";
import { burnTone, formatAchieved, formatBurn, formatRatioPct } from "@/lib/slo/budget-chart";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { QueryBody } from "@/components/ui/query-body";
import { useCan } from "@/components/app-shell/viewer-context";
import { cn } from "@/lib/cn";
import { SloStatusBadge } from "./slo-badges";

const TONE = { ok: "text-ok-fg", warn: "text-warn-fg", bad: "text-bad-fg" } as const;

export function SlosList() {
  const canEdit = useCan("editor");
  const slos = useQuery(sloQueries.list());
  return (
    <Card>
      <QueryBody
        query={slos}
        isEmpty={(d) => d.length === 0}
        errorTitle="Could not load SLOs"
        rows={3}
        empty={{
          icon: <Target />,
          title: "No SLOs yet",
          body: (
            <>
              An SLO holds an integration, a tag or a set of them to a number, such as 99.9% of probe runs succeeding over 30 days, and shows how much error
              budget is left and how fast it burns.
              {canEdit ? (
                <span className="mt-3 block">
                  <Button variant="primary" asChild>
                    <Link href="/slos/new">Create an SLO</Link>
                  </Button>
                </span>
              ) : null}
            </>
          ),
        }}
      >
        {(data) => (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="slos-table">
              <thead>
                <tr className="border-b text-left text-xs text-muted-foreground [&>th]:px-3 [&>th]:py-1.5 [&>th]:font-medium">
                  <th>SLO</th>
                  <th>Objective</th>
                  <th>Window</th>
                  <th>Achieved</th>
                  <th>Budget left</th>
                  <th>Burn · 1 h</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {data.map((s) => {
                  const tone = burnTone(s.burnRates.h1);
                  return (
                    <tr key={s.id} className="border-b last:border-0 [&>td]:px-3 [&>td]:py-2">
                      <td>
                        <Link href={`/slos/${s.id}`} className="font-medium hover:underline focus-visible:outline-2 focus-visible:outline-ring">
                          {s.name}
                        </Link>
                        <div className="text-xs text-muted-foreground">{s.scopeText}</div>
                      </td>
                      <td className="tabular">{s.objectivePct}%</td>
                      <td className="text-xs">{SLO_WINDOW_LABELS[s.window]}</td>
                      <td className="tabular">{formatAchieved(s.achievedPct)}</td>
                      <td className={cn("tabular", (s.budgetRemaining ?? 1) <= 0 && "text-bad-fg")}>{formatRatioPct(s.budgetRemaining)}</td>
                      <td className={cn("tabular", tone && tone !== "ok" && TONE[tone])}>{formatBurn(s.burnRates.h1)}</td>
                      <td>
                        <SloStatusBadge status={s.status} />
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
